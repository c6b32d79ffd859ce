/**
 * Access ends at once, over real HTTP, whenever the rules say it must: a deleted, rotated or
 * revoked-with-all token, a deactivated owner (tokens and page session), a lowered maximum
 * validity, tokens of regular users while only admins may create and assigned tokens are off,
 * password Basic Auth switched off, and an IP allowlist that leaves the caller out.
 */
import { basic, codeOf, send, type Reply } from './http';
import { invoke, resultOf, signIn } from './pages-session';
import { FIXED_NOW } from '../support/factories';
import { callerOf, startWorld, type World } from './world';

let world: World;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => world.close());

async function gateway(
  auth: string | undefined,
): Promise<{ status: number; code: string | null; forwarded: boolean }> {
  const before = world.forwarded.length;
  const reply: Reply = await send(
    world.baseUrl,
    '/rest/api/2/myself',
    auth === undefined ? {} : { auth },
  );
  return { status: reply.status, code: codeOf(reply), forwarded: world.forwarded.length > before };
}

const LET_IN = { status: 200, code: null, forwarded: true };

function refused(
  status: number,
  code: string,
): { status: number; code: string; forwarded: boolean } {
  return { status, code, forwarded: false };
}

describe('a token stops working at once', () => {
  it('when it is deleted', async () => {
    const made = await world.token('alice', { name: 'Deleted' });
    expect(await gateway(basic('alice', made.token))).toEqual(LET_IN);
    await world.run('alice', 'deleteToken', { id: made.id });
    expect((await gateway(basic('alice', made.token))).forwarded).toBe(false);
  });

  it('when it is rotated: the old secret is refused, the new one works', async () => {
    const made = await world.token('alice', { name: 'Rotated' });
    const rotated = await world.app.runOperation('rotateToken', { id: made.id }, callerOf('alice'));
    const next = rotated.ok ? rotated.data.token : '';
    expect([
      (await gateway(basic('alice', made.token))).forwarded,
      await gateway(basic('alice', next)),
    ]).toEqual([false, LET_IN]);
  });

  it('when an administrator deletes all tokens of its owner', async () => {
    const tokens = [
      await world.token('alice', { name: 'One' }),
      await world.token('alice', { name: 'Two' }),
    ];
    await world.run('admin', 'deleteUserTokens', { user: 'alice' });
    for (const made of tokens) {
      expect((await gateway(basic('alice', made.token))).forwarded).toBe(false);
    }
  });

  it('when its owner is deactivated, and so does their page session', async () => {
    const made = await world.token('alice', { name: 'Owner gone' });
    const session = await signIn(world.baseUrl, 'alice', 'alice-password');
    world.directory.update('acc-alice', { active: false });

    expect(await gateway(basic('alice', made.token))).toEqual(refused(401, 'TOKEN_EXPIRED'));
    expect(resultOf(await invoke(world.baseUrl, session, { functionKey: 'getMe' }))).toEqual({
      status: 401,
      code: 'AUTH_REQUIRED',
    });
  });

  it('when the maximum validity is lowered below its age', async () => {
    world.clock.set(FIXED_NOW - 200 * 86_400_000);
    const old = await world.token('alice', { name: 'Old never' });
    world.clock.set(FIXED_NOW);
    const fresh = await world.token('alice', { name: 'Fresh never' });
    await world.configure({ maxValidity: '6m' });

    expect(await gateway(basic('alice', old.token))).toEqual(refused(401, 'TOKEN_EXPIRED'));
    expect(await gateway(basic('alice', fresh.token))).toEqual(LET_IN);
  });
});

describe('system-wide settings take effect at once', () => {
  it("refuse regular users' tokens when only admins create and assigned tokens are off", async () => {
    const alice = await world.token('alice', { name: 'Alice' });
    const admin = await world.token('admin', { name: 'Admin' });
    await world.configure({ adminsOnlyCreate: true, usersMayUseAssignedTokens: false });

    expect(await gateway(basic('alice', alice.token))).toEqual(
      refused(403, 'TOKEN_USE_RESTRICTED'),
    );
    expect(await gateway(basic('admin', admin.token))).toEqual(LET_IN);
  });

  it('refuse passwords, not tokens, when password Basic Auth is off', async () => {
    const alice = await world.token('alice', { name: 'Alice' });
    await world.configure({ passwordAuthEnabled: false });

    expect(await gateway(basic('alice', 'alice-password'))).toEqual(
      refused(403, 'PASSWORD_AUTH_DISABLED'),
    );
    expect(await gateway(basic('alice', alice.token))).toEqual(LET_IN);
  });

  it('refuse tokens, passwords, the management API and no credentials alike outside the IP allowlist', async () => {
    const alice = await world.token('alice', { name: 'Alice' });
    await world.configure({ ipAllowlist: ['192.0.2.0/24'] });

    expect(await gateway(basic('alice', alice.token))).toEqual(refused(403, 'IP_NOT_ALLOWED'));
    expect(await gateway(basic('alice', 'alice-password'))).toEqual(refused(403, 'IP_NOT_ALLOWED'));
    expect(await gateway(undefined)).toEqual(refused(403, 'IP_NOT_ALLOWED'));
    const api = await send(world.baseUrl, '/api/v1/me', { auth: basic('alice', alice.token) });
    expect({ status: api.status, code: codeOf(api) }).toEqual({
      status: 403,
      code: 'IP_NOT_ALLOWED',
    });
  });
});
