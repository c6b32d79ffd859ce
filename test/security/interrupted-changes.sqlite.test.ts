/**
 * A change interrupted midway leaves no half state (SQLite): the failure is injected inside
 * the store's own transaction — a trigger, armed from a second connection, aborts the audit
 * insert after the token write — and the change must vanish with it.
 */
import Database from 'better-sqlite3';
import { basic, codeOf, send, type Reply } from './http';
import { storedState, unexplained } from './audit-coverage';
import { startWorld, type World } from './world';

let world: World;
let admin: string;
let alice: { id: string; secret: string };

beforeEach(async () => {
  world = await startWorld({ onDisk: true });
  admin = basic('admin', (await world.token('admin', { name: 'Admin' })).token);
  const created = await world.token('alice', { name: 'Alice' });
  alice = { id: created.id, secret: created.token };
});

afterEach(async () => world.close());

/** Makes every insert into `table` abort until disarmed, from a second connection. */
function arm(table: 'audit' | 'tokens'): () => void {
  const db = new Database(world.dbFile ?? '');
  db.exec(`CREATE TRIGGER injected_${table} BEFORE INSERT ON ${table}
           BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  return () => {
    db.exec(`DROP TRIGGER injected_${table}`);
    db.close();
  };
}

async function asAlice(path: string): Promise<Reply> {
  return send(world.baseUrl, path, { auth: basic('alice', alice.secret) });
}

async function expectUnavailableAndUnchanged(request: () => Promise<Reply>): Promise<void> {
  const before = await storedState(world.stores);
  const reply = await request();
  expect({ status: reply.status, code: codeOf(reply) }).toEqual({
    status: 503,
    code: 'UNAVAILABLE',
  });
  expect(await storedState(world.stores)).toEqual(before);
}

describe('a change whose audit record cannot be written (SQLite, inside the transaction)', () => {
  it('creates no token', async () => {
    const disarm = arm('audit');
    await expectUnavailableAndUnchanged(() =>
      send(world.baseUrl, '/api/v1/tokens', {
        method: 'POST',
        auth: admin,
        body: { name: 'Half', validity: 'never', user: 'alice' },
      }),
    );
    disarm();

    const retry = await send(world.baseUrl, '/api/v1/tokens', {
      method: 'POST',
      auth: admin,
      body: { name: 'Half', validity: 'never', user: 'alice' },
    });
    expect(retry.status).toBe(201);
    const state = await storedState(world.stores);
    expect(state.tokens.filter((token) => token.name === 'Half')).toHaveLength(1);
    expect(unexplained(state)).toEqual({ tokens: [], removals: [] });
  });

  it.each(['audit', 'tokens'] as const)(
    'rotates nothing, and the old secret keeps working, when the %s insert fails',
    async (table) => {
      const disarm = arm(table);
      await expectUnavailableAndUnchanged(() =>
        send(world.baseUrl, `/api/v1/tokens/${alice.id}/rotate`, { method: 'POST', auth: admin }),
      );
      disarm();
      expect((await asAlice('/rest/api/2/myself')).status).toBe(200);
    },
  );

  it('deletes none of the tokens when revoking all of a user fails', async () => {
    await world.token('alice', { name: 'Second' });
    await world.token('alice', { name: 'Third' });
    const disarm = arm('audit');
    await expectUnavailableAndUnchanged(() =>
      send(world.baseUrl, '/api/v1/users/alice/tokens', { method: 'DELETE', auth: admin }),
    );
    disarm();
    expect((await asAlice('/rest/api/2/myself')).status).toBe(200);
    expect(await world.stores.tokens.listByOwner('acc-alice')).toHaveLength(3);
  });

  it('deletes and renames nothing', async () => {
    const disarm = arm('audit');
    await expectUnavailableAndUnchanged(() =>
      send(world.baseUrl, `/api/v1/tokens/${alice.id}`, { method: 'DELETE', auth: admin }),
    );
    await expectUnavailableAndUnchanged(() =>
      send(world.baseUrl, `/api/v1/tokens/${alice.id}`, {
        method: 'PATCH',
        auth: admin,
        body: { name: 'Renamed' },
      }),
    );
    disarm();
  });

  it('changes no setting and keeps the rules in force', async () => {
    const before = await world.stores.settings.get();
    const disarm = arm('audit');
    const reply = await send(world.baseUrl, '/api/v1/settings', {
      method: 'PUT',
      auth: admin,
      body: { ...before, passwordAuthEnabled: false, ipAllowlist: ['10.0.0.0/8'] },
    });
    disarm();

    expect({ status: reply.status, code: codeOf(reply) }).toEqual({
      status: 503,
      code: 'UNAVAILABLE',
    });
    expect(await world.stores.settings.get()).toEqual(before);
    const password = await send(world.baseUrl, '/rest/api/2/myself', {
      auth: basic('alice', 'alice-password'),
    });
    expect(password.status).toBe(200);
  });
});

describe('a failed-attempt reset whose audit record cannot be written', () => {
  // The reset and its record are two store calls; the record is written first, so a failed
  // record means no reset.
  it('keeps the counts, as no record says they were reset', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await send(world.baseUrl, '/rest/api/2/myself', { auth: basic('alice', 'wrong-password') });
    }
    const disarm = arm('audit');
    const reply = await send(world.baseUrl, '/api/v1/users/alice/failures', {
      method: 'DELETE',
      auth: admin,
    });
    disarm();

    expect(reply.status).toBe(503);
    const failures = await world.stores.attempts.listByUser('acc-alice', 0);
    expect(failures.map(({ ip, count }) => ({ ip, count }))).toEqual([
      { ip: '127.0.0.1', count: 3 },
    ]);
  });
});
