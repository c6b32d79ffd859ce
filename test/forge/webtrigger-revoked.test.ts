/**
 * Row 7 for revoked tokens through the web trigger: a rotated-away or deleted token gets 401
 * TOKEN_EXPIRED from the app (never handed to the site as if it were a password), for one
 * extra keyed read on that failing path only; under another user's name it is no token of
 * theirs and goes to the site unchanged.
 */
import { kvsRequests } from '../support/fake-kvs';
import { site } from './support/fake-site';
import {
  ADMIN,
  ALICE,
  BOB,
  basic,
  bodyOf,
  callWebTrigger,
  changeSettings,
  createToken,
  invokeResolver,
} from './support/forge-harness';
import { MYSELF, fromClient, useWebTriggerWorld } from './support/webtrigger-world';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

function myself(authorization: string[]): ReturnType<typeof callWebTrigger> {
  return callWebTrigger({
    path: MYSELF,
    headers: fromClient(authorization),
  });
}

async function rotate(id: string): Promise<string> {
  const rotated = await invokeResolver('rotateToken', { id }, { accountId: ALICE.accountId });
  if (!rotated.ok) {
    throw new Error('rotateToken failed');
  }
  return (rotated.data as { token: string }).token;
}

/** Keyed reads `call` asks storage for, found or not (the request log, not the meter). */
async function keyedReadsOf(call: () => Promise<unknown>): Promise<number> {
  const from = kvsRequests().length;
  await call();
  return kvsRequests()
    .slice(from)
    .filter(({ path }) => path.endsWith('/entity/get')).length;
}

function sentToSite(): number {
  return site.calls.filter((call) => call.product === 'site').length;
}

useWebTriggerWorld();

describe('web trigger: revoked tokens', () => {
  it('refuses a rotated-away token with 401 TOKEN_EXPIRED while password auth is on, without asking the site', async () => {
    const { id, secret } = await createToken(ALICE);
    const next = await rotate(id);

    const old = await myself(basic(ALICE.email, secret));
    const successor = await myself([`Bearer ${next}`]);

    expect(old.statusCode).toBe(401);
    expect(bodyOf(old)).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(JSON.stringify(old)).not.toContain(secret);
    expect(sentToSite()).toBe(0);
    expect(successor.statusCode).toBe(200);
  });

  it('refuses a deleted token with 401 TOKEN_EXPIRED while password auth is off', async () => {
    const { id, secret } = await createToken(ALICE);
    await invokeResolver('deleteToken', { id }, { accountId: ALICE.accountId });
    await changeSettings({ passwordAuthEnabled: false });

    const response = await myself([`Bearer ${secret}`]);

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuses every token of a user whose tokens an admin deleted over several transactions', async () => {
    const secrets: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      secrets.push((await createToken(ALICE, { name: `Token ${i}` })).secret);
    }
    const deleted = await invokeResolver(
      'deleteUserTokens',
      { user: ALICE.accountId },
      { accountId: ADMIN.accountId },
    );
    expect(deleted).toMatchObject({ ok: true, data: { deleted: 8 } });

    for (const secret of secrets) {
      expect(bodyOf(await myself([`Bearer ${secret}`]))).toMatchObject({ code: 'TOKEN_EXPIRED' });
    }
  });

  it('costs one keyed read more than a live token, only on this failing path', async () => {
    const { id, secret } = await createToken(ALICE);
    const next = await rotate(id);
    await myself([`Bearer ${next}`]);
    await myself([`Bearer ${secret}`]);

    const live = await keyedReadsOf(() => myself([`Bearer ${next}`]));
    const revoked = await keyedReadsOf(() => myself([`Bearer ${secret}`]));

    expect([live, revoked]).toEqual([1, 2]);
  });

  it("hands a revoked token named with another user's name to the site unchanged (row 6a)", async () => {
    const { id, secret } = await createToken(ALICE);
    await rotate(id);

    const response = await myself(basic(BOB.email, secret));

    expect(bodyOf(response)).not.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(sentToSite()).toBe(1);
  });
});
