/**
 * A store call interrupted before it ran (nothing happened) or after it ran (the change landed
 * but the reply was lost) leaves either nothing or the whole change with its audit record; the
 * client is told 503 either way.
 */
import { basic, send } from './http';
import { storedState, unexplained } from './audit-coverage';
import { startWorld, type World } from './world';

let world: World;
let admin: string;
let alice: { id: string };

beforeEach(async () => {
  world = await startWorld();
  admin = basic('admin', (await world.token('admin', { name: 'Admin' })).token);
  alice = { id: (await world.token('alice', { name: 'Alice' })).id };
});

afterEach(async () => world.close());

describe('a store call interrupted before or after it ran (wrapper)', () => {
  const WRITES = [
    {
      method: 'create',
      request: (): [string, object] => [
        '/api/v1/tokens',
        { method: 'POST', body: { name: 'New', validity: 'never', user: 'alice' } },
      ],
    },
    {
      method: 'replace',
      request: (): [string, object] => [`/api/v1/tokens/${alice.id}/rotate`, { method: 'POST' }],
    },
    {
      method: 'deleteByOwner',
      request: (): [string, object] => ['/api/v1/users/alice/tokens', { method: 'DELETE' }],
    },
    {
      method: 'delete',
      request: (): [string, object] => [`/api/v1/tokens/${alice.id}`, { method: 'DELETE' }],
    },
  ];

  it.each(
    WRITES.flatMap((write) => [
      [write.method, 'before', write] as const,
      [write.method, 'after', write] as const,
    ]),
  )(
    'tokens.%s failing %s the store leaves every token explained by its audit record',
    async (method, when, write) => {
      world.faults.inject({ part: 'tokens', method, when });
      const before = await storedState(world.stores);
      const [path, options] = write.request();

      const reply = await send(world.baseUrl, path, { ...options, auth: admin });

      expect(reply.status).toBe(503);
      const after = await storedState(world.stores);
      expect(unexplained(after)).toEqual({ tokens: [], removals: [] });
      if (when === 'before') {
        expect(after).toEqual(before);
      } else {
        expect(after.audit.length).toBe(before.audit.length + 1);
      }
    },
  );
});

describe('a settings save interrupted before or after the store (wrapper)', () => {
  it.each(['before', 'after'] as const)(
    'failing %s the store leaves the settings and their audit records in step',
    async (when) => {
      const before = await world.stores.settings.get();
      world.faults.inject({ part: 'settings', method: 'save', when });

      const reply = await send(world.baseUrl, '/api/v1/settings', {
        method: 'PUT',
        auth: admin,
        body: { ...before, adminsOnlyCreate: true },
      });

      expect(reply.status).toBe(503);
      const after = await world.stores.settings.get();
      const changes = await world.stores.audit.list({ limit: 10, action: 'settings.changed' });
      const saved = when === 'after';
      expect({ version: after.version, records: changes.items.length }).toEqual({
        version: before.version + (saved ? 1 : 0),
        records: saved ? 1 : 0,
      });
    },
  );
});
