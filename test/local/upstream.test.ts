import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { User } from '../../src/core/types';
import { startDemoUpstream, type RunningUpstream } from '../../src/adapters/local/demo-upstream';
import {
  clientResponseHeaders,
  createHttpUpstream,
  upstreamRequestHeaders,
  UpstreamTooLargeError,
} from '../../src/adapters/local/upstream';
import { createUsersDirectory } from '../../src/adapters/local/users-directory';

const ALICE: User = {
  accountId: 'acc-alice',
  username: 'alice',
  displayName: 'Alice Example',
  email: 'alice@example.test',
  isAdmin: false,
  active: true,
};

describe('headers sent to the upstream', () => {
  it('replaces every incoming copy of the identity header by the owner, however it is spelled', () => {
    const headers = upstreamRequestHeaders(
      {
        'x-forwarded-user': 'admin',
        x_forwarded_user: 'admin',
        accept: 'application/json',
        authorization: 'Basic YWxpY2U6cGFzcw==',
      },
      { identityHeader: 'x-forwarded-user', as: ALICE },
    );
    expect(headers).toEqual({
      accept: 'application/json',
      authorization: 'Basic YWxpY2U6cGFzcw==',
      'x-forwarded-user': 'alice',
    });
  });

  it('drops hop-by-hop headers, headers named in Connection and client address claims', () => {
    const headers = upstreamRequestHeaders(
      {
        connection: 'keep-alive, X-Secret-Hop',
        'x-secret-hop': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        host: 'gateway.example',
        'content-length': '3',
        'x-forwarded-for': '10.0.0.1',
        forwarded: 'for=10.0.0.1',
        'content-type': 'application/json',
      },
      { identityHeader: 'x-forwarded-user', as: null },
    );
    expect(headers).toEqual({ 'content-type': 'application/json' });
  });

  it('drops what a client could claim about the original request: scheme, host, port, prefix and URL', () => {
    const headers = upstreamRequestHeaders(
      {
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'jira.example',
        'x-forwarded-port': '443',
        'x-forwarded-prefix': '/admin',
        'x-original-url': '/secure/admin/ViewApplicationProperties.jspa',
        'x-rewrite-url': '/secure/admin',
        accept: 'application/json',
      },
      { identityHeader: 'x-forwarded-user', as: ALICE },
    );
    expect(headers).toEqual({ accept: 'application/json', 'x-forwarded-user': 'alice' });
  });

  it('hides the upstream server banner, hop-by-hop headers and the product’s cookies from the client', () => {
    expect(
      clientResponseHeaders({
        server: 'Apache-Coyote',
        'x-powered-by': 'PHP',
        connection: 'close',
        'content-type': 'application/json',
        'set-cookie': ['JSESSIONID=a1', 'atlassian.xsrf.token=b2'],
      }),
    ).toEqual({ 'content-type': 'application/json' });
  });
});

describe('forwarding over HTTP', () => {
  let echo: Server;
  let seen: { url?: string; headers?: IncomingHttpHeaders; body?: string };
  let base: URL;

  beforeAll(async () => {
    echo = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen = {
          url: request.url,
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        };
        const size = request.url === '/base/big' ? 2048 : 2;
        response.writeHead(200, { 'content-type': 'text/plain', server: 'echo/1' });
        response.end('x'.repeat(size));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    base = new URL(`http://127.0.0.1:${(echo.address() as AddressInfo).port}/base/`);
  });
  afterAll(async () => {
    await new Promise((resolve) => echo.close(resolve));
  });

  it('sends method, path under the base path, body and identity; returns status and body', async () => {
    const upstream = createHttpUpstream({ baseUrl: base, identityHeader: 'x-forwarded-user' });
    const response = await upstream.forward(
      { method: 'POST', url: '/rest/api/2/issue?x=1', headers: {}, body: Buffer.from('{"a":1}') },
      ALICE,
    );
    await upstream.close();
    expect(seen.url).toBe('/base/rest/api/2/issue?x=1');
    expect(seen.body).toBe('{"a":1}');
    expect(seen.headers?.['x-forwarded-user']).toBe('alice');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('xx');
    expect(response.headers.server).toBeUndefined();
  });

  it('never forwards a method-override header, however it is spelled', async () => {
    const upstream = createHttpUpstream({ baseUrl: base, identityHeader: 'x-forwarded-user' });
    await upstream.forward(
      {
        method: 'GET',
        url: '/rest/api/2/issue/X-1',
        headers: {
          'x-http-method-override': 'DELETE',
          'x-http-method': 'DELETE',
          'x-method-override': 'PUT',
          X_HTTP_Method_Override: 'DELETE',
          accept: 'application/json',
        },
      },
      ALICE,
    );
    await upstream.close();
    const names = Object.keys(seen.headers ?? {});
    expect(names.filter((name) => /method/i.test(name))).toEqual([]);
    expect(seen.headers?.accept).toBe('application/json');
  });

  it('refuses an answer larger than the limit', async () => {
    const upstream = createHttpUpstream({
      baseUrl: base,
      identityHeader: 'x-forwarded-user',
      maxResponseBytes: 1024,
    });
    await expect(
      upstream.forward({ method: 'GET', url: '/big', headers: {} }, ALICE),
    ).rejects.toThrow(UpstreamTooLargeError);
    await upstream.close();
  });
});

describe('demo upstream', () => {
  let demo: RunningUpstream;

  beforeAll(async () => {
    const directory = createUsersDirectory([{ ...ALICE, passwordHash: 'unused' }]);
    demo = await startDemoUpstream({ directory, identityHeader: 'x-forwarded-user' });
  });
  afterAll(async () => {
    await demo.close();
  });

  it.each(['/rest/api/2/myself', '/rest/api/3/myself', '/wiki/rest/api/user/current'])(
    'answers %s with the user the identity header names',
    async (path) => {
      const response = await fetch(new URL(path, demo.url), {
        headers: { 'x-forwarded-user': 'alice' },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        accountId: 'acc-alice',
        name: 'alice',
        displayName: 'Alice Example',
        emailAddress: 'alice@example.test',
      });
    },
  );

  it('answers 401 without the identity header or for an unknown user', async () => {
    const url = new URL('/rest/api/2/myself', demo.url);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { 'x-forwarded-user': 'mallory' } })).status).toBe(401);
  });

  it('answers 404 JSON for a path it does not know', async () => {
    const response = await fetch(new URL('/rest/api/2/issue/X-1', demo.url), {
      headers: { 'x-forwarded-user': 'alice' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('listens on loopback only', () => {
    expect(demo.url.hostname).toBe('127.0.0.1');
  });
});
