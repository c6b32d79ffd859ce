/**
 * Many changes at once, over real HTTP, by several users, over a slow store so that requests
 * interleave: nothing is lost, no user ends up with
 * two tokens of one name, one of several deletions or rotations of a token wins, and of N saves
 * of the same settings version exactly one wins while the others get 409 and change nothing.
 */
import type { Settings } from '../../src/core/types';
import { storedState, unexplained } from './audit-coverage';
import { basic, codeOf, send, type Reply } from './http';
import { startWorld, type World } from './world';

const N = 16;
const READ_DELAY_MS = 3;

let world: World;
const auth: Record<string, string> = {};

beforeEach(async () => {
  world = await startWorld();
  for (const username of ['admin', 'alice', 'bob']) {
    auth[username] = basic(username, (await world.token(username, { name: 'Main' })).token);
  }
  // A slow store: every read waits, so parallel requests interleave between their reads and
  // writes and only the stores' own atomic checks keep them apart.
  world.faults.inject({ kind: 'read', delayMs: READ_DELAY_MS });
});

afterEach(async () => world.close());

function create(username: string, name: string): Promise<Reply> {
  return send(world.baseUrl, '/api/v1/tokens', {
    method: 'POST',
    auth: auth[username] ?? '',
    body: { name, validity: 'never' },
  });
}

function statuses(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    const key = `${reply.status}${codeOf(reply) === null ? '' : ` ${codeOf(reply)}`}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function namesOf(accountId: string): Promise<string[]> {
  return (await world.stores.tokens.listByOwner(accountId)).map((token) => token.name).sort();
}

describe('parallel creates', () => {
  it('give one user one token of a name, however the name is cased or padded', async () => {
    const spellings = ['Deploy', 'deploy', ' DEPLOY ', 'dePloy'];
    const replies = await Promise.all(
      Array.from({ length: N }, (_, index) =>
        create('alice', spellings[index % spellings.length] ?? ''),
      ),
    );

    expect(statuses(replies)).toEqual({ '201': 1, '409 NAME_TAKEN': N - 1 });
    expect((await namesOf('acc-alice')).map((name) => name.toLowerCase())).toEqual([
      'deploy',
      'main',
    ]);
  });

  it('lose none of many distinct tokens of several users, each with its audit record', async () => {
    const requests = ['alice', 'bob', 'admin'].flatMap((username) =>
      Array.from({ length: N }, (_, index) => create(username, `Parallel ${index}`)),
    );
    const replies = await Promise.all(requests);

    expect(statuses(replies)).toEqual({ '201': 3 * N });
    for (const accountId of ['acc-alice', 'acc-bob', 'acc-admin']) {
      expect(await namesOf(accountId)).toHaveLength(N + 1);
    }
    expect(unexplained(await storedState(world.stores))).toEqual({ tokens: [], removals: [] });
  });

  it('let two users use the same name at the same time', async () => {
    const replies = await Promise.all([create('alice', 'Shared'), create('bob', 'Shared')]);
    expect(statuses(replies)).toEqual({ '201': 2 });
  });
});

describe('parallel deletions and rotations of one token', () => {
  it('delete it once: one 204, the rest 404, one audit record', async () => {
    const target = await world.token('alice', { name: 'Target' });
    const replies = await Promise.all(
      Array.from({ length: N }, () =>
        send(world.baseUrl, `/api/v1/tokens/${target.id}`, {
          method: 'DELETE',
          auth: auth.alice ?? '',
        }),
      ),
    );

    expect(statuses(replies)).toEqual({ '204': 1, '404 NOT_FOUND': N - 1 });
    const records = await world.stores.audit.list({ limit: 100, action: 'token.deleted' });
    expect(records.items.map((record) => record.tokenId)).toEqual([target.id]);
  });

  it('rotate it once: only the winning secret works afterwards', async () => {
    const target = await world.token('alice', { name: 'Target' });
    const replies = await Promise.all(
      Array.from({ length: N }, () =>
        send(world.baseUrl, `/api/v1/tokens/${target.id}/rotate`, {
          method: 'POST',
          auth: auth.alice ?? '',
        }),
      ),
    );

    expect(statuses(replies)).toEqual({ '201': 1, '404 NOT_FOUND': N - 1 });
    const winner = replies.find((reply) => reply.status === 201)?.body as { token: string };
    const call = (secret: string): Promise<Reply> =>
      send(world.baseUrl, '/rest/api/2/myself', { auth: basic('alice', secret) });
    expect([(await call(winner.token)).status, (await call(target.token)).status]).toEqual([
      200, 401,
    ]);
    expect(await namesOf('acc-alice')).toEqual(['Main', 'Target']);
  });
});

describe('parallel settings saves of the same version', () => {
  it('let exactly one win; the others get 409 with the stored settings and change nothing', async () => {
    const start = await world.stores.settings.get();
    const replies = await Promise.all(
      Array.from({ length: N }, (_, index) =>
        send(world.baseUrl, '/api/v1/settings', {
          method: 'PUT',
          auth: auth.admin ?? '',
          body: { ...start, trustedProxies: [`192.0.2.${index + 1}`] },
        }),
      ),
    );

    expect(statuses(replies)).toEqual({ '200': 1, '409 VERSION_CONFLICT': N - 1 });
    const won = replies.find((reply) => reply.status === 200)?.body as Settings;
    const stored = await world.stores.settings.get();
    expect(stored).toEqual({ ...won, version: start.version + 1 });
    const records = await world.stores.audit.list({ limit: 100, action: 'settings.changed' });
    expect(records.items).toHaveLength(1);
    const told = replies
      .filter((reply) => reply.status === 409)
      .map((reply) => (reply.body as { current?: Settings }).current);
    expect(new Set(told.map((current) => JSON.stringify(current)))).toEqual(
      new Set([JSON.stringify(stored)]),
    );
  });
});

describe('a mix of changes by several users at once', () => {
  it('ends with every token explained by its audit record and names unique per user', async () => {
    const made = await Promise.all(
      ['alice', 'bob'].flatMap((username) =>
        Array.from({ length: 6 }, (_, index) => world.token(username, { name: `Mixed ${index}` })),
      ),
    );
    const requests = made.flatMap((token, index) => {
      const owner = token.ownerId === 'acc-alice' ? 'alice' : 'bob';
      const path = `/api/v1/tokens/${token.id}`;
      return [
        send(world.baseUrl, index % 2 === 0 ? path : `${path}/rotate`, {
          method: index % 2 === 0 ? 'DELETE' : 'POST',
          auth: auth[owner] ?? '',
        }),
        create(owner, `Mixed ${index % 6}`),
        send(world.baseUrl, path, {
          method: 'PATCH',
          auth: auth[owner] ?? '',
          body: { name: 'Renamed' },
        }),
      ];
    });
    const replies = await Promise.all(requests);

    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    const state = await storedState(world.stores);
    expect(unexplained(state)).toEqual({ tokens: [], removals: [] });
    for (const accountId of ['acc-alice', 'acc-bob']) {
      const names = (await namesOf(accountId)).map((name) => name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
