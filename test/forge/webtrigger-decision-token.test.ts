/**
 * Rows 6–10 of the authentication decision (DESIGN.md §3) — the token of the named user,
 * pass-through, password auth off, expiry, restricted use, read-only scope, allowed — through
 * the web trigger's Forge request shape, with allowed calls forwarded to the pretend site.
 */
import { FIXED_NOW } from '../support/factories';
import { site } from './support/fake-site';
import {
  ALICE,
  BOB,
  basic,
  bodyOf,
  callWebTrigger,
  changeSettings,
  createToken,
} from './support/forge-harness';
import { MYSELF, fromClient, useWebTriggerWorld } from './support/webtrigger-world';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

useWebTriggerWorld();

describe('web trigger: the authentication decision, rows 6 to 10', () => {
  it('row 6: forwards a token of the Basic user as its owner, without the token', async () => {
    const { secret } = await createToken(ALICE);

    const byAccount = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(basic(ALICE.accountId, secret)),
    });
    const byEmail = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(basic(ALICE.email, secret)),
    });

    expect([byAccount.statusCode, byEmail.statusCode]).toEqual([200, 200]);
    expect(bodyOf(byAccount)).toMatchObject({ accountId: ALICE.accountId });
    const forwarded = site.calls.filter((call) => call.path === MYSELF);
    expect(forwarded.map((call) => call.as)).toEqual([
      `user:${ALICE.accountId}`,
      `user:${ALICE.accountId}`,
    ]);
    expect(forwarded.every((call) => call.headers.authorization === undefined)).toBe(true);
  });

  it('row 6a: passes a credential that is not a token to the site unchanged when password auth is on', async () => {
    const credential = basic(ALICE.email, 'alice-site-password');

    const response = await callWebTrigger({ path: MYSELF, headers: fromClient(credential) });

    expect(response.statusCode).toBe(200);
    const toSite = site.calls.filter((call) => call.product === 'site');
    expect(toSite).toHaveLength(1);
    expect(toSite[0]).toMatchObject({ as: 'host:example.atlassian.net', path: MYSELF });
    expect(toSite[0]?.headers.authorization).toBe(credential[0]);
  });

  it("row 6a: passes another user's token named with the wrong user to the site, which refuses it", async () => {
    const { secret } = await createToken(ALICE);

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(basic(BOB.accountId, secret)),
    });

    expect(response.statusCode).toBe(401);
    expect(site.calls.filter((call) => call.as.startsWith('user:'))).toEqual([]);
  });

  it('row 6b: refuses a credential that is not a token with 403 PASSWORD_AUTH_DISABLED', async () => {
    await changeSettings({ passwordAuthEnabled: false });

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(basic(ALICE.email, 'alice-site-password')),
    });

    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toMatchObject({ code: 'PASSWORD_AUTH_DISABLED' });
    expect(site.calls.filter((call) => call.product === 'site')).toEqual([]);
  });

  it('row 7: refuses an expired token with 401 TOKEN_EXPIRED', async () => {
    const { secret } = await createToken(ALICE, { validity: '6m' });
    jest.setSystemTime(FIXED_NOW + 200 * 86_400_000);

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('row 7: refuses the token of a deactivated account with 401 TOKEN_EXPIRED', async () => {
    const { secret } = await createToken(ALICE);
    site.users.get(ALICE.accountId)!.active = false;
    jest.setSystemTime(FIXED_NOW + 60_000);

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(bodyOf(response)).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('row 8: refuses a regular user’s token with 403 TOKEN_USE_RESTRICTED when assigned tokens are off', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ adminsOnlyCreate: true, usersMayUseAssignedTokens: false });

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toMatchObject({ code: 'TOKEN_USE_RESTRICTED' });
  });

  it('row 9: refuses a write with a read-only token with 403 READ_ONLY_TOKEN, and allows a read', async () => {
    const { secret } = await createToken(ALICE, { scope: 'read-only' });
    const auth = fromClient([`Bearer ${secret}`]);

    const write = await callWebTrigger({
      method: 'POST',
      path: '/rest/api/3/issue',
      headers: auth,
      body: '{}',
    });
    const read = await callWebTrigger({ path: MYSELF, headers: auth });

    expect(write.statusCode).toBe(403);
    expect(bodyOf(write)).toMatchObject({ code: 'READ_ONLY_TOKEN' });
    expect(read.statusCode).toBe(200);
  });

  it("row 10: allows the owner's token, answers the product's reply and records the last use", async () => {
    const { secret } = await createToken(ALICE);

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });
    const me = await callWebTrigger({
      path: '/api/v1/tokens',
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(secret);
    expect(bodyOf(me)).toMatchObject({
      tokens: [{ lastUsedAt: new Date(FIXED_NOW).toISOString(), lastUsedIp: '198.51.100.7' }],
    });
  });
});
