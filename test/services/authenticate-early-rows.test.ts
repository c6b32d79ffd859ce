/** The authentication decision, rows 1–5 of DESIGN.md §3 (before any token is looked at); each test fails without its row's guard. */
import { WWW_AUTHENTICATE } from '../../src/services/gateway/outcome';
import { basic, CALLER_IP, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

/** Ten failures from CALLER_IP, as the policy counts them (default limit 10). */
async function failTenTimes(user = 'nobody'): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await h.auth(basic(user, `wrong-${i}`));
  }
}

describe('row 1: store or directory unavailable', () => {
  it('refuses UNAVAILABLE 503 when the token store fails, even for a good token', async () => {
    const { token } = await h.token('alice');
    h.outage.add('tokens');
    const outcome = await h.auth(basic('alice', token));
    expect(outcome).toMatchObject({ kind: 'refuse', code: 'UNAVAILABLE', status: 503 });
  });

  it('refuses UNAVAILABLE 503 when the settings cannot be read', async () => {
    const { token } = await h.token('alice');
    h.outage.add('settings');
    expect(await h.auth(basic('alice', token))).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses UNAVAILABLE 503 when the directory fails', async () => {
    const { token } = await h.token('alice');
    h.outage.add('directory');
    expect(await h.auth(`Bearer ${token}`)).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
  });
});

describe('row 2: client address not allowed by the IP allowlist', () => {
  it('refuses IP_NOT_ALLOWED 403 to a good token from an address outside the list', async () => {
    const { token } = await h.token('alice');
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    const outcome = await h.auth(basic('alice', token), { ip: '192.0.2.1' });
    expect(outcome).toMatchObject({ kind: 'refuse', code: 'IP_NOT_ALLOWED', status: 403 });
    expect(await h.auth(basic('alice', token), { ip: '10.1.2.3' })).toMatchObject({
      kind: 'allow',
    });
  });

  it('refuses a request without a usable address when the list is not empty', async () => {
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    expect(await h.auth(basic('alice', 'alice-password'), { ip: null })).toMatchObject({
      code: 'IP_NOT_ALLOWED',
    });
  });
});

describe('row 3: no Authorization header', () => {
  it('refuses AUTH_REQUIRED 401 with a Basic challenge', async () => {
    expect(await h.auth(undefined)).toEqual({
      kind: 'refuse',
      code: 'AUTH_REQUIRED',
      status: 401,
      message: expect.any(String),
      wwwAuthenticate: WWW_AUTHENTICATE,
    });
  });
});

describe('row 4: malformed header', () => {
  it.each([
    ['an unknown scheme', 'Digest abc'],
    ['bad base64', 'Basic !!!notbase64'],
    ['no colon', `Basic ${Buffer.from('alice').toString('base64')}`],
  ])(
    'refuses BAD_CREDENTIALS 401 for %s without reading or counting anything',
    async (_what, header) => {
      expect(await h.auth(header)).toMatchObject({
        code: 'BAD_CREDENTIALS',
        status: 401,
        wwwAuthenticate: WWW_AUTHENTICATE,
      });
      expect((await h.stores.attempts.countByIp(CALLER_IP, 0)).count).toBe(0);
    },
  );
});

describe('row 5: address or user at this address locked by failed attempts', () => {
  it('refuses TOO_MANY_FAILURES 429 with Retry-After once the address reaches the limit', async () => {
    await failTenTimes();
    h.clock.advance(60_000);
    const outcome = await h.auth(basic('alice', 'alice-password'));
    expect(outcome).toMatchObject({ code: 'TOO_MANY_FAILURES', status: 429 });
    expect(outcome.kind === 'refuse' && outcome.retryAfterSeconds).toBe(14 * 60);
  });

  it('does not lock the same user out from another address', async () => {
    await failTenTimes('alice');
    const outcome = await h.auth(basic('alice', 'alice-password'), { ip: '198.51.100.9' });
    expect(outcome).toMatchObject({ kind: 'allow', via: 'password' });
  });
});
