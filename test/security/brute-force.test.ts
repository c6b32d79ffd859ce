/**
 * Failed attempts (DESIGN.md §3) over real HTTP with a controlled clock: 10 failures from an
 * address in 15 minutes lock it (429 + Retry-After, even with a good token) until the window
 * passes or an administrator resets the user's count through REST; the user is never locked
 * out from another address. Addresses are simulated with 127.0.0.1 as a trusted proxy.
 */
import { generateToken } from '../../src/core/token-format';
import { FIXED_NOW } from '../support/factories';
import { basic, codeOf, send, type Reply } from './http';
import { startWorld, type World } from './world';

const ATTACKER = '198.51.100.7';
const ELSEWHERE = '203.0.113.20';
const ADMIN_DESK = '192.0.2.10';
const WINDOW_S = 15 * 60;

let world: World;
let alice: string;
let bob: string;
let admin: string;

beforeEach(async () => {
  world = await startWorld();
  await world.configure({ trustedProxies: ['127.0.0.1'] });
  alice = (await world.token('alice', { name: 'Alice' })).token;
  bob = (await world.token('bob', { name: 'Bob' })).token;
  admin = (await world.token('admin', { name: 'Admin' })).token;
});

afterEach(async () => world.close());

function from(
  ip: string,
  auth: string,
  path = '/rest/api/2/myself',
  method = 'GET',
): Promise<Reply> {
  return send(world.baseUrl, path, { method, auth, headers: { 'x-forwarded-for': ip } });
}

/** `count` failures naming alice from `ip`, one a second (wrong tokens or wrong passwords). */
async function fail(
  ip: string,
  count: number,
  kind: 'token' | 'password' = 'token',
): Promise<void> {
  for (let attempt = 0; attempt < count; attempt += 1) {
    const secret = kind === 'token' ? generateToken() : `guess-${attempt}`;
    const reply = await from(ip, basic('alice', secret));
    expect(reply.status).toBe(401);
    world.clock.advance(1000);
  }
}

function refusal(reply: Reply): { status: number; code: string | null; retryAfter: string | null } {
  return {
    status: reply.status,
    code: codeOf(reply),
    retryAfter: reply.headers.get('retry-after'),
  };
}

describe('the failed-attempt limit', () => {
  it('lets a good token in after 9 failures from its address', async () => {
    await fail(ATTACKER, 9);
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(200);
  });

  it.each(['token', 'password'] as const)(
    'answers 429 with Retry-After to a good token after 10 wrong %ss from the address',
    async (kind) => {
      await fail(ATTACKER, 10, kind);
      const expected = {
        status: 429,
        code: 'TOO_MANY_FAILURES',
        retryAfter: String(WINDOW_S - 10),
      };
      expect(refusal(await from(ATTACKER, basic('alice', alice)))).toEqual(expected);
      expect(refusal(await from(ATTACKER, basic('bob', bob)))).toEqual(expected);
      expect(refusal(await from(ATTACKER, basic('alice', 'alice-password')))).toEqual(expected);
    },
  );

  it('counts nothing more while the address is locked', async () => {
    await fail(ATTACKER, 10);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await from(ATTACKER, basic('alice', generateToken()))).status).toBe(429);
    }
    const counts = await world.stores.attempts.countByIp(ATTACKER, 0);
    expect(counts.count).toBe(10);
  });

  it('locks the management API the same way', async () => {
    await fail(ATTACKER, 10);
    expect(refusal(await from(ATTACKER, basic('alice', alice), '/api/v1/me')).status).toBe(429);
  });
});

describe('the lockout ends', () => {
  it('when the window passes: refused a second before Retry-After, let in just after it', async () => {
    await fail(ATTACKER, 10);
    const locked = await from(ATTACKER, basic('alice', alice));
    const waitMs = Number(locked.headers.get('retry-after')) * 1000;

    world.clock.advance(waitMs - 1000);
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(429);
    world.clock.advance(1001);
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(200);
  });

  it('when the window passes: a retry exactly Retry-After seconds later is let in', async () => {
    await fail(ATTACKER, 10);
    const locked = await from(ATTACKER, basic('alice', alice));
    world.clock.advance(Number(locked.headers.get('retry-after')) * 1000);
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(200);
  });

  it('when an administrator resets the user through REST, with an audit record', async () => {
    await fail(ATTACKER, 10);
    const seen = await from(ADMIN_DESK, basic('admin', admin), '/api/v1/users/alice/failures');
    expect(seen.body).toMatchObject({
      failures: [{ ip: ATTACKER, count: 10, locked: true }],
    });

    const reset = await from(
      ADMIN_DESK,
      basic('admin', admin),
      '/api/v1/users/alice/failures',
      'DELETE',
    );

    expect({ status: reset.status, body: reset.body }).toEqual({
      status: 200,
      body: { removed: 10 },
    });
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(200);
    const records = await world.stores.audit.list({ limit: 10, action: 'failures.reset' });
    expect(
      records.items.map((record) => [record.actorId, record.targetId, record.actorIp]),
    ).toEqual([['acc-admin', 'acc-alice', ADMIN_DESK]]);
  });

  it('not for a regular user resetting their own count', async () => {
    await fail(ATTACKER, 10);
    const reset = await from(
      ELSEWHERE,
      basic('alice', alice),
      '/api/v1/users/alice/failures',
      'DELETE',
    );
    expect({ status: reset.status, code: codeOf(reset) }).toEqual({
      status: 403,
      code: 'ADMIN_REQUIRED',
    });
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(429);
  });
});

describe('no lockout elsewhere', () => {
  it('lets the user in from another address while the attacked one is locked', async () => {
    await fail(ATTACKER, 10);
    expect((await from(ATTACKER, basic('alice', alice))).status).toBe(429);
    expect((await from(ELSEWHERE, basic('alice', alice))).status).toBe(200);
    expect((await from(ELSEWHERE, basic('alice', 'alice-password'))).status).toBe(200);
  });

  it('spreads no lock over other addresses however many addresses fail', async () => {
    for (let n = 1; n <= 12; n += 1) {
      await fail(`198.51.100.${n}`, 9);
    }
    expect(world.clock.now()).toBeGreaterThan(FIXED_NOW);
    expect((await from(ELSEWHERE, basic('alice', alice))).status).toBe(200);
  });
});
