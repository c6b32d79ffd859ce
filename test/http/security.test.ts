/**
 * Refusals over HTTP: malformed credentials, IP restrictions, failed-attempt lockout, and
 * nothing secret in logs.
 */
import { basic, bearer, startTestServer, TEST_USERS, type TestServer } from '../support/server';
import { call, codeOf, createTokenWithPassword, rawRequest } from './client';

const FIXED_NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const fixedClock = { now: (): number => FIXED_NOW };

const MALFORMED: [string, string | string[]][] = [
  ['an unknown scheme', 'Digest username="alice"'],
  ['Basic without a colon', `Basic ${Buffer.from('alice').toString('base64')}`],
  ['Basic with bad base64', 'Basic @@@not-base64@@@'],
  ['Basic with nothing after the scheme', 'Basic'],
  ['an empty header', ''],
  ['a header over 8 KiB', `Bearer ${'a'.repeat(9000)}`],
  ['two Authorization headers', [basic('alice', 'x'), basic('bob', 'y')]],
  ['Bearer with characters outside token68', 'Bearer abc def'],
];

describe('malformed Authorization headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(MALFORMED)('answers 401, never 500, to %s (API and gateway)', async (_label, header) => {
    for (const path of ['/api/v1/me', '/rest/api/2/myself']) {
      const answer = await rawRequest(server.baseUrl, 'GET', path, { authorization: header });
      const code = header === '' ? ['AUTH_REQUIRED', 'BAD_CREDENTIALS'] : ['BAD_CREDENTIALS'];
      expect(answer.status).toBe(401);
      expect(code).toContain((JSON.parse(answer.body) as { code: string }).code);
      expect(answer.headers['www-authenticate']).toBe('Basic realm="REST API", charset="UTF-8"');
    }
  });
  it('refuses two Authorization headers even when the first holds a good token', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const good = await rawRequest(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: bearer(token),
    });
    expect(good.status).toBe(200);
    const twice = await rawRequest(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: [bearer(token), basic('admin', 'guess')],
    });
    expect([twice.status, (JSON.parse(twice.body) as { code: string }).code]).toEqual([
      401,
      'BAD_CREDENTIALS',
    ]);
  });
});

describe('IP address restrictions', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock });
    admin = basic('admin', (await createTokenWithPassword(server.baseUrl, 'admin')).token);
  });
  afterAll(async () => {
    await server.close();
  });

  async function saveSettings(changes: object): Promise<void> {
    const current = (
      await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin })
    ).body;
    const saved = await call(server.baseUrl, 'PUT', '/api/v1/settings', {
      authorization: admin,
      body: { ...(current as object), ...changes },
    });
    expect(saved.status).toBe(200);
  }

  it('refuses a request whose forwarded address is outside the list, when sent by a trusted proxy', async () => {
    await saveSettings({ ipAllowlist: ['127.0.0.1'], trustedProxies: ['127.0.0.1'] });
    const remote = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: admin,
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect([remote.status, codeOf(remote)]).toEqual([403, 'IP_NOT_ALLOWED']);
    const local = await call(server.baseUrl, 'GET', '/api/v1/me', { authorization: admin });
    expect((local.body as { clientIp: string }).clientIp).toBe('127.0.0.1');
    await saveSettings({ ipAllowlist: [], trustedProxies: [] });
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    await saveSettings({ ipAllowlist: ['203.0.113.0/24', '127.0.0.1'] });
    const answer = await call(server.baseUrl, 'GET', '/api/v1/me', {
      authorization: admin,
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect((answer.body as { clientIp: string }).clientIp).toBe('127.0.0.1');
    await saveSettings({ ipAllowlist: [] });
  });

  it('refuses tokens, passwords and even no credentials with 403 once 127.0.0.1 is not allowed', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    await saveSettings({ ipAllowlist: ['192.0.2.0/24', '2001:db8::/32'] });
    const attempts = [
      ['GET', '/rest/api/2/myself', bearer(token)],
      ['GET', '/rest/api/2/myself', basic('alice', TEST_USERS.alice.password)],
      ['GET', '/api/v1/me', admin],
      ['PUT', '/api/v1/settings', admin],
      ['GET', '/api/v1/me', undefined],
    ] as const;
    for (const [method, path, authorization] of attempts) {
      const answer = await call(server.baseUrl, method, path, { authorization });
      expect([method, path, answer.status, codeOf(answer)]).toEqual([
        method,
        path,
        403,
        'IP_NOT_ALLOWED',
      ]);
    }
    expect((await call(server.baseUrl, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('failed attempts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      clock: fixedClock,
      failurePolicy: { limit: 3, windowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 429 with Retry-After to that address past the limit, even with a good token, until an admin resets', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const admin = bearer((await createTokenWithPassword(server.baseUrl, 'admin')).token);
    const settings = (
      await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin })
    ).body;
    const trusting = { ...(settings as object), trustedProxies: ['127.0.0.1'] };
    expect(
      (
        await call(server.baseUrl, 'PUT', '/api/v1/settings', {
          authorization: admin,
          body: trusting,
        })
      ).status,
    ).toBe(200);
    const fromRemote = { 'x-forwarded-for': '198.51.100.20' };

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const wrong = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
        authorization: basic('alice', 'wrong-password'),
        headers: fromRemote,
      });
      expect(wrong.status).toBe(401);
    }
    const locked = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: bearer(token),
      headers: fromRemote,
    });
    expect([locked.status, codeOf(locked)]).toEqual([429, 'TOO_MANY_FAILURES']);
    expect(locked.headers.get('retry-after')).toBe('60');
    const elsewhere = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: bearer(token),
    });
    expect(elsewhere.status).toBe(200);

    const reset = await call(server.baseUrl, 'DELETE', '/api/v1/users/alice/failures', {
      authorization: admin,
    });
    expect([reset.status, reset.body]).toEqual([200, { removed: 3 }]);
    const again = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: bearer(token),
      headers: fromRemote,
    });
    expect(again.status).toBe(200);
  });
});

describe('logs', () => {
  it('name refusals by code and address, and never contain a token, a password or an Authorization header', async () => {
    const server = await startTestServer();
    try {
      const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
      const authorization = basic('alice', token);
      await call(server.baseUrl, 'GET', '/rest/api/2/myself', { authorization });
      await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
        authorization: basic('alice', `${token}x`),
      });
      await call(server.baseUrl, 'DELETE', '/api/v1/users/alice/tokens', {
        authorization: basic('admin', TEST_USERS.admin.password),
      });
      await call(server.baseUrl, 'GET', '/rest/api/2/myself', { authorization });
      const logs = server.logs.join('');
      expect(logs).toMatch(/token created/);
      expect(logs).toMatch(
        / warn request refused code=BAD_CREDENTIALS method=GET clientIp=127\.0\.0\.1 /,
      );
      for (const secret of [
        token,
        authorization.slice(6),
        TEST_USERS.alice.password,
        TEST_USERS.admin.password,
      ]) {
        expect(logs).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });
});
