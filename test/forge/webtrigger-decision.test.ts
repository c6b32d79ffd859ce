/**
 * Every row of the authentication decision (DESIGN.md §3), through the web trigger's Forge
 * request shape, with the gateway forwarding allowed calls to the pretend site.
 */
import { CLIENT_IP_HEADER_VARIABLE } from '../../src/adapters/forge/webtrigger-http';
import { failKvs } from '../support/fake-kvs';
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
  freshInstallation,
} from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

const MYSELF = '/rest/api/3/myself';
const CLIENT = ['198.51.100.7'];

function fromClient(
  authorization: string[] | undefined,
  ip: string[] = CLIENT,
): Record<string, string[]> {
  return { 'X-Forwarded-For': ip, ...(authorization ? { Authorization: authorization } : {}) };
}

beforeEach(() => {
  jest.useFakeTimers({
    now: FIXED_NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
  });
  process.env[CLIENT_IP_HEADER_VARIABLE] = 'x-forwarded-for';
  freshInstallation();
});

afterEach(() => {
  jest.useRealTimers();
  delete process.env[CLIENT_IP_HEADER_VARIABLE];
});

describe('web trigger: the authentication decision, row by row', () => {
  it('row 1: refuses with 503 UNAVAILABLE when storage does not answer, even with a good token', async () => {
    const { secret } = await createToken(ALICE);
    failKvs();

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(basic(ALICE.accountId, secret)),
    });

    expect(response.statusCode).toBe(503);
    expect(bodyOf(response)).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('row 1: refuses with 503 UNAVAILABLE when the product cannot say who owns the token', async () => {
    const { secret } = await createToken(ALICE);
    site.down = true;

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(503);
  });

  it('row 2: refuses an address outside the IP restrictions with 403 IP_NOT_ALLOWED', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ ipAllowlist: ['203.0.113.0/24'] });

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toMatchObject({ code: 'IP_NOT_ALLOWED' });
  });

  it('row 2: fails closed when IP restrictions are set and no client address header is configured', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ ipAllowlist: ['198.51.100.0/24'] });
    delete process.env[CLIENT_IP_HEADER_VARIABLE];

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(bodyOf(response)).toMatchObject({ code: 'IP_NOT_ALLOWED' });
  });

  it('row 2: judges the right-most hop of the configured header, not one a client prepended', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ ipAllowlist: ['198.51.100.0/24'] });

    const spoofed = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`], ['198.51.100.9, 192.0.2.50']),
    });
    const allowed = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect([spoofed.statusCode, allowed.statusCode]).toEqual([403, 200]);
  });

  it('row 3: asks for credentials with 401 AUTH_REQUIRED and WWW-Authenticate: Basic', async () => {
    const response = await callWebTrigger({ path: MYSELF, headers: fromClient(undefined) });

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(response.headers?.['www-authenticate']?.[0]).toMatch(/^Basic realm=/);
  });

  it('row 4: refuses a malformed Authorization header with 401 BAD_CREDENTIALS', async () => {
    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(['Basic !!not-base64!!']),
    });

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'BAD_CREDENTIALS' });
  });

  it('row 5: locks an address after 10 failures with 429 and Retry-After, even for a good token', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ passwordAuthEnabled: false });
    for (let i = 0; i < 10; i += 1) {
      await callWebTrigger({ path: MYSELF, headers: fromClient(basic(ALICE.accountId, 'wrong')) });
    }

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });
    const elsewhere = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`], ['192.0.2.1']),
    });

    expect(response.statusCode).toBe(429);
    expect(bodyOf(response)).toMatchObject({ code: 'TOO_MANY_FAILURES' });
    expect(response.headers?.['retry-after']).toEqual(['900']);
    expect(elsewhere.statusCode).toBe(200);
  });

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
