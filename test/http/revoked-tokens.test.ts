/**
 * Revoked tokens over HTTP: a rotated-away or deleted token gets 401 TOKEN_EXPIRED on the
 * gateway and the management API, with password Basic Auth on or off; under another user's
 * name it stays an unknown credential. The admin list's expiring filter counts the effective
 * expiry a lowered maximum validity sets.
 */
import { basic, bearer, startTestServer, type TestServer } from '../support/server';
import { FIXED_NOW, DAY_MS } from '../support/factories';
import { call, codeOf, createTokenWithPassword, type Answer } from './client';

let now = FIXED_NOW;
let server: TestServer;
let admin = '';

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => now } });
  admin = basic('admin', (await createTokenWithPassword(server.baseUrl, 'admin')).token);
});
afterAll(async () => {
  await server.close();
});

async function setPasswordAuth(enabled: boolean): Promise<void> {
  await saveSettings({ passwordAuthEnabled: enabled });
}

async function saveSettings(change: Record<string, unknown>): Promise<void> {
  const current = await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin });
  const saved = await call(server.baseUrl, 'PUT', '/api/v1/settings', {
    authorization: admin,
    body: { ...(current.body as object), ...change },
  });
  expect(saved.status).toBe(200);
}

function myself(authorization: string): Promise<Answer> {
  return call(server.baseUrl, 'GET', '/rest/api/2/myself', { authorization });
}

function expectExpired(answer: Answer): void {
  expect([answer.status, codeOf(answer)]).toEqual([401, 'TOKEN_EXPIRED']);
  expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
  expect(Object.keys(answer.body as object).sort()).toEqual(['code', 'message', 'requestId']);
}

describe('revoked tokens over HTTP', () => {
  afterEach(() => setPasswordAuth(true));

  it.each([
    ['on', true],
    ['off', false],
  ])(
    'answers 401 TOKEN_EXPIRED to a rotated-away token while password auth is %s',
    async (_state, enabled) => {
      const { id, token } = await createTokenWithPassword(server.baseUrl, 'alice');
      const rotated = await call(server.baseUrl, 'POST', `/api/v1/tokens/${id}/rotate`, {
        authorization: bearer(token),
      });
      expect(rotated.status).toBe(201);
      await setPasswordAuth(enabled);

      expectExpired(await myself(basic('alice', token)));
      expectExpired(
        await call(server.baseUrl, 'GET', '/api/v1/me', { authorization: bearer(token) }),
      );
      const next = (rotated.body as { token: string }).token;
      expect((await myself(bearer(next))).status).toBe(200);
    },
  );

  it('answers 401 TOKEN_EXPIRED to a deleted token, and not under another user’s name', async () => {
    const { id, token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const deleted = await call(server.baseUrl, 'DELETE', `/api/v1/tokens/${id}`, {
      authorization: bearer(token),
    });
    expect(deleted.status).toBe(204);

    expectExpired(await myself(bearer(token)));
    const asBob = await myself(basic('bob', token));
    expect([asBob.status, codeOf(asBob)]).toEqual([401, 'BAD_CREDENTIALS']);
    await setPasswordAuth(false);
    const asBobNoPasswords = await myself(basic('bob', token));
    expect([asBobNoPasswords.status, codeOf(asBobNoPasswords)]).toEqual([
      403,
      'PASSWORD_AUTH_DISABLED',
    ]);
  });
});

describe('admin token list over HTTP: expiring within days', () => {
  afterAll(() => saveSettings({ maxValidity: 'never' }));

  it('lists a never-expiring token that a lowered maximum validity makes expire soon', async () => {
    const { id } = await createTokenWithPassword(server.baseUrl, 'bob', { validity: 'never' });
    await saveSettings({ maxValidity: '6m' });
    now = FIXED_NOW + 170 * DAY_MS;

    const answer = await call(server.baseUrl, 'GET', '/api/v1/admin/tokens?expiringWithinDays=30', {
      authorization: admin,
    });

    expect(answer.status).toBe(200);
    const tokens = (answer.body as { tokens: { id: string; expiresAt: string }[] }).tokens;
    expect(tokens.map((token) => token.id)).toContain(id);
    expect(tokens.find((token) => token.id === id)?.expiresAt).toBe('2025-12-01T12:00:00.000Z');
  });
});
