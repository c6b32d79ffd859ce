/** The authentication decision, rows 6–10 of DESIGN.md §3 (the credential itself); each test fails without its row's guard. */
import { DAY_MS } from '../support/factories';
import { basic, CALLER_IP, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('row 6: a token of the named user', () => {
  it.each([
    ['username', 'alice'],
    ['email', 'ALICE@example.test'],
    ['accountId', 'acc-alice'],
  ])('accepts a token with Basic naming the owner by %s', async (_how, user) => {
    const { token, id } = await h.token('alice');
    const outcome = await h.auth(basic(user, token));
    expect(outcome).toMatchObject({
      kind: 'allow',
      via: 'token',
      user: { accountId: 'acc-alice' },
    });
    expect(outcome.kind === 'allow' && outcome.via === 'token' && outcome.token.id).toBe(id);
  });

  it('accepts a token as Bearer without a user', async () => {
    const { token } = await h.token('alice');
    expect(await h.auth(`Bearer ${token}`)).toMatchObject({ kind: 'allow', via: 'token' });
  });
});

describe('row 6a: not a token of that user, password Basic Auth enabled', () => {
  it('allows the right password through the product authentication', async () => {
    expect(await h.auth(basic('bob', 'bob-password'))).toMatchObject({
      kind: 'allow',
      via: 'password',
      user: { accountId: 'acc-bob' },
    });
  });

  it('refuses a wrong password with BAD_CREDENTIALS 401 and counts the failure', async () => {
    expect(await h.auth(basic('bob', 'guess'))).toMatchObject({ code: 'BAD_CREDENTIALS' });
    const since = h.clock.now() - 1;
    expect(await h.stores.attempts.countByUserAtIp('acc-bob', CALLER_IP, since)).toMatchObject({
      count: 1,
    });
  });

  it('refuses a Bearer credential that is not a token, counting the failure', async () => {
    expect(await h.auth('Bearer not-a-token')).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect((await h.stores.attempts.countByIp(CALLER_IP, 0)).count).toBe(1);
  });

  it('passes the credentials through unchanged under Forge (no password verifier)', async () => {
    const forge = createHarness({ runtime: 'forge' });
    try {
      expect(await forge.auth(basic('bob', 'anything'))).toEqual({ kind: 'pass-through' });
    } finally {
      forge.close();
    }
  });
});

describe('row 6b: not a token of that user, password Basic Auth disabled', () => {
  it('refuses PASSWORD_AUTH_DISABLED 403 even for the right password, counting a failure', async () => {
    await h.configure({ passwordAuthEnabled: false });
    const outcome = await h.auth(basic('bob', 'bob-password'));
    expect(outcome).toMatchObject({ code: 'PASSWORD_AUTH_DISABLED', status: 403 });
    expect((await h.stores.attempts.countByIp(CALLER_IP, 0)).count).toBe(1);
  });
});

describe('row 7: token expired or revoked', () => {
  it('refuses TOKEN_EXPIRED 401 from the expiry instant on, counting a failure', async () => {
    const { token, expiresAt } = await h.token('alice', { validity: '6m' });
    h.clock.set(Date.parse(expiresAt as string) - 1);
    expect(await h.auth(basic('alice', token))).toMatchObject({ kind: 'allow' });
    h.clock.set(Date.parse(expiresAt as string));
    expect(await h.auth(basic('alice', token))).toMatchObject({
      code: 'TOKEN_EXPIRED',
      status: 401,
    });
    expect((await h.stores.attempts.countByIp(CALLER_IP, 0)).count).toBe(1);
  });

  it('refuses a "never" token once a lower maximum validity caps it', async () => {
    const { token } = await h.token('alice', { validity: 'never' });
    await h.configure({ maxValidity: '1y' });
    h.clock.advance(366 * DAY_MS);
    expect(await h.auth(`Bearer ${token}`)).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuses the token of an owner the directory reports inactive', async () => {
    const { token } = await h.token('alice');
    h.directory.update('acc-alice', { active: false });
    expect(await h.auth(`Bearer ${token}`)).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });
});

describe('row 8: regular owner while only admins may create and assigned tokens are off', () => {
  it('refuses TOKEN_USE_RESTRICTED 403 to a regular user, still allows an admin', async () => {
    const alice = await h.token('alice');
    const admin = await h.token('admin');
    await h.configure({ adminsOnlyCreate: true, usersMayUseAssignedTokens: false });
    expect(await h.auth(basic('alice', alice.token))).toMatchObject({
      code: 'TOKEN_USE_RESTRICTED',
      status: 403,
    });
    expect(await h.auth(basic('admin', admin.token))).toMatchObject({ kind: 'allow' });
  });
});

describe('row 9: read-only token and a method that writes', () => {
  it('refuses READ_ONLY_TOKEN 403 to POST and allows GET', async () => {
    const { token } = await h.token('alice', { scope: 'read-only' });
    expect(await h.auth(`Bearer ${token}`, { method: 'POST' })).toMatchObject({
      code: 'READ_ONLY_TOKEN',
      status: 403,
    });
    expect(await h.auth(`Bearer ${token}`, { method: 'GET' })).toMatchObject({ kind: 'allow' });
  });
});

describe('row 10: allowed', () => {
  it('allows as the owner and records when and from where the token was used', async () => {
    const { token, id } = await h.token('alice');
    expect(await h.auth(basic('alice', token), { method: 'DELETE' })).toMatchObject({
      kind: 'allow',
      user: { username: 'alice' },
    });
    expect(await h.stores.tokens.findById(id)).toMatchObject({
      lastUsedAt: h.clock.now(),
      lastUsedIp: CALLER_IP,
    });
  });
});
