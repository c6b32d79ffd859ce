/**
 * The REST gateway over HTTP: forwarding as the token's owner, what the upstream receives,
 * and password Basic Auth switched on and off.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basic, bearer, startTestServer, TEST_USERS, type TestServer } from '../support/server';
import { call, codeOf, createTokenWithPassword, rawRequest } from './client';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An upstream that records what it received and answers with a banner it should not leak. */
async function startEchoUpstream(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      response.writeHead(207, {
        'content-type': 'application/json',
        server: 'upstream/1.0',
        'x-upstream': 'yes',
        'set-cookie': ['JSESSIONID=product-session; Path=/', 'atlassian.xsrf.token=t; Path=/'],
        'content-security-policy': "default-src 'self'",
        'x-content-type-options': 'none',
      });
      response.end(JSON.stringify({ echoed: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/product`,
    seen,
  };
}

describe('gateway to the built-in demo product', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('forwards a token request as the token’s owner, for Basic and Bearer alike', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    for (const authorization of [
      basic('alice', token),
      basic('alice@example.test', token),
      bearer(token),
    ]) {
      const answer = await call(server.baseUrl, 'GET', '/rest/api/2/myself', { authorization });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ name: 'alice', emailAddress: 'alice@example.test' });
    }
    const confluence = await call(server.baseUrl, 'GET', '/wiki/rest/api/user/current', {
      authorization: bearer(token),
    });
    expect(confluence.body).toMatchObject({ name: 'alice' });
  });

  it('forwards as the owner even when the request claims another identity', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const answer = await call(server.baseUrl, 'GET', '/rest/api/3/myself', {
      authorization: basic('alice', token),
      headers: { 'x-forwarded-user': 'admin' },
    });
    expect(answer.body).toMatchObject({ name: 'alice' });
  });

  it('does not accept a token under another user’s name', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const answer = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: basic('bob', token),
    });
    expect([answer.status, codeOf(answer)]).toEqual([401, 'BAD_CREDENTIALS']);
  });

  it('accepts the password while password Basic Auth is on, and refuses it with 403 once off', async () => {
    const password = basic('bob', TEST_USERS.bob.password);
    const { token } = await createTokenWithPassword(server.baseUrl, 'admin');
    const admin = basic('admin', token);
    const before = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: password,
    });
    expect([before.status, (before.body as { name: string }).name]).toEqual([200, 'bob']);

    const settings = (
      await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin })
    ).body;
    const off = { ...(settings as object), passwordAuthEnabled: false };
    expect(
      (await call(server.baseUrl, 'PUT', '/api/v1/settings', { authorization: admin, body: off }))
        .status,
    ).toBe(200);

    const after = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: password,
    });
    expect([after.status, codeOf(after)]).toEqual([403, 'PASSWORD_AUTH_DISABLED']);
    const api = await call(server.baseUrl, 'GET', '/api/v1/me', { authorization: password });
    expect([api.status, codeOf(api)]).toEqual([403, 'PASSWORD_AUTH_DISABLED']);
    const withToken = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: admin,
    });
    expect(withToken.status).toBe(200);

    const current = (
      await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin })
    ).body;
    await call(server.baseUrl, 'PUT', '/api/v1/settings', {
      authorization: admin,
      body: { ...(current as object), passwordAuthEnabled: true },
    });
  });

  it('lets a read-only token read and refuses it a write', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice', {
      scope: 'read-only',
    });
    const read = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: bearer(token),
    });
    expect(read.status).toBe(200);
    const write = await call(server.baseUrl, 'POST', '/rest/api/2/issue', {
      authorization: bearer(token),
      body: { fields: {} },
    });
    expect([write.status, codeOf(write)]).toEqual([403, 'READ_ONLY_TOKEN']);
  });

  it('passes the product’s 404 on for a path it does not know', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const answer = await call(server.baseUrl, 'GET', '/rest/api/2/issue/DEMO-1', {
      authorization: bearer(token),
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toHaveProperty('errorMessages');
  });

  it('refuses a path with dot segments before it could climb out of /rest/', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    for (const path of [
      '/rest/../api/v1/settings',
      '/rest/api/%2e%2e/x',
      '/wiki/rest/a%2F..%2Fb',
    ]) {
      const answer = await rawRequest(server.baseUrl, 'GET', path, {
        authorization: bearer(token),
      });
      expect([path, answer.status]).toEqual([path, 400]);
    }
  });
});

describe('what the upstream receives', () => {
  let echo: Awaited<ReturnType<typeof startEchoUpstream>>;
  let server: TestServer;
  beforeAll(async () => {
    echo = await startEchoUpstream();
    server = await startTestServer({
      env: { UPSTREAM_URL: echo.url, IDENTITY_HEADER: 'X-Remote-User' },
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it('receives method, path, query and body, the owner in its identity header, and no token', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const answer = await call(server.baseUrl, 'PUT', '/rest/api/2/issue/X-1?notify=false', {
      authorization: basic('alice', token),
      body: { fields: { summary: 'hello' } },
      headers: {
        'x-remote-user': 'admin',
        x_remote_user: 'admin',
        cookie: 'session=abc',
        'x-forwarded-for': '198.51.100.1',
        accept: 'application/json',
      },
    });
    expect(answer.status).toBe(207);
    expect(answer.headers.get('x-upstream')).toBe('yes');
    expect(answer.headers.get('server')).toBeNull();

    const received = echo.seen.at(-1);
    expect(received?.method).toBe('PUT');
    expect(received?.url).toBe('/product/rest/api/2/issue/X-1?notify=false');
    expect(received?.body).toBe('{"fields":{"summary":"hello"}}');
    expect(received?.headers['x-remote-user']).toBe('alice');
    expect(received?.headers['x_remote_user']).toBeUndefined();
    expect(received?.headers.authorization).toBeUndefined();
    expect(received?.headers.cookie).toBeUndefined();
    expect(received?.headers['x-forwarded-for']).toBeUndefined();
    expect(received?.headers.accept).toBe('application/json');
    expect(JSON.stringify(received?.headers)).not.toContain(token);
  });

  it('answers without the product’s cookies, sandboxed by CSP and with nosniff, refusals too', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    const forwarded = await rawRequest(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: bearer(token),
    });
    expect(forwarded.status).toBe(207);
    expect(forwarded.headers['set-cookie']).toBeUndefined();
    expect(forwarded.headers['x-content-type-options']).toBe('nosniff');
    const policies = [forwarded.headers['content-security-policy'] ?? []]
      .flat()
      .join(',')
      .split(/,\s*/);
    expect(policies).toEqual(["default-src 'self'", 'sandbox']);

    for (const path of ['/rest/api/2/myself', '/wiki/rest/api/user/current']) {
      const refused = await rawRequest(server.baseUrl, 'GET', path);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-security-policy']).toBe('sandbox');
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps the Authorization header of a password request, for the product’s own check', async () => {
    const authorization = basic('bob', TEST_USERS.bob.password);
    await call(server.baseUrl, 'GET', '/rest/api/2/myself', { authorization });
    const received = echo.seen.at(-1);
    expect(received?.headers.authorization).toBe(authorization);
    expect(received?.headers['x-remote-user']).toBe('bob');
  });

  it('passes any body type on as bytes', async () => {
    const { token } = await createTokenWithPassword(server.baseUrl, 'alice');
    await call(server.baseUrl, 'POST', '/rest/api/2/attachment', {
      authorization: bearer(token),
      body: 'plain text, not JSON',
      headers: { 'content-type': 'text/plain' },
    });
    expect(echo.seen.at(-1)?.body).toBe('plain text, not JSON');
    expect(echo.seen.at(-1)?.headers['content-type']).toBe('text/plain');
  });

  it('answers 502 when the product does not answer', async () => {
    const down = await startTestServer({ env: { UPSTREAM_URL: 'http://127.0.0.1:9/' } });
    try {
      const { token } = await createTokenWithPassword(down.baseUrl, 'alice');
      const answer = await call(down.baseUrl, 'GET', '/rest/api/2/myself', {
        authorization: bearer(token),
      });
      expect([answer.status, codeOf(answer)]).toEqual([502, 'UNAVAILABLE']);
    } finally {
      await down.close();
    }
  });
});
