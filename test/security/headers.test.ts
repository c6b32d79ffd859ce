/**
 * Response headers of the real local runtime, on every route it registers (taken from the
 * server itself, so a new route is covered): no framework or upstream banner, nosniff
 * everywhere, CSP on pages, no-store on the API and the bridge (where secrets travel), and a
 * session cookie that scripts cannot read and other sites do not get with their requests.
 * The identity header a client sends never reaches the product.
 */
import { registeredRoutes } from '../../src/adapters/local/server';
import { startTestServer, TEST_USERS, type TestServer } from '../support/server';
import { basic, rawRequest, send, type Reply } from './http';
import { invoke, signIn, type PageSession } from './pages-session';
import { startWorld } from './world';

let server: TestServer;
let session: PageSession;
const adminAuth = basic(TEST_USERS.admin.username, TEST_USERS.admin.password);

beforeAll(async () => {
  server = await startTestServer();
  session = await signIn(server.baseUrl, TEST_USERS.admin.username, TEST_USERS.admin.password);
});

afterAll(async () => server.close());

const PARAMS: Record<string, string> = { id: 'tok_unknown', user: 'alice', name: 'missing.js' };

function concretePath(url: string): string {
  return url
    .replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x')
    .replace(/\*$/, 'api/2/myself');
}

function routes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return registeredRoutes(server.runtime.server)
    .map((route) => ({ method: route.method, path: concretePath(route.url) }))
    .filter(
      (route) =>
        !seen.has(`${route.method} ${route.path}`) && seen.add(`${route.method} ${route.path}`),
    );
}

type Caller = 'anonymous' | 'admin (Basic)' | 'signed-in page';

/** Methods fetch refuses to send; they go over a raw socket. */
const RAW_METHODS = new Set(['TRACE', 'CONNECT', 'TRACK']);

async function callAs(
  caller: Caller,
  method: string,
  path: string,
): Promise<Pick<Reply, 'status' | 'headers' | 'text'>> {
  const headers: Record<string, string> =
    caller === 'signed-in page'
      ? { cookie: session.cookie, origin: server.baseUrl, 'x-csrf-token': session.csrf }
      : {};
  if (caller === 'admin (Basic)') {
    headers.authorization = adminAuth;
  }
  if (RAW_METHODS.has(method)) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    return rawRequest(server.baseUrl, [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...lines]);
  }
  return send(server.baseUrl, path, {
    method,
    headers,
    ...(['POST', 'PUT', 'PATCH'].includes(method) && { body: {} }),
  });
}

function needsNoStore(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/bridge/') || path === '/healthz';
}

describe('every registered route', () => {
  it.each(['anonymous', 'admin (Basic)', 'signed-in page'] as const)(
    'answers %s without banners, with nosniff, CSP on HTML and no-store on the API',
    async (caller) => {
      const all = routes();
      const paths = new Set(all.map((route) => route.path));
      for (const expected of [
        '/api/v1/me',
        '/rest/api/2/myself',
        '/bridge/invoke',
        '/login',
        '/',
      ]) {
        expect(paths).toContain(expected);
      }
      const problems: string[] = [];
      for (const { method, path } of all) {
        const reply = await callAs(caller, method, path);
        const where = `${method} ${path} → ${reply.status}`;
        const header = (name: string): string | null => reply.headers.get(name);
        if (header('server') !== null || header('x-powered-by') !== null) {
          problems.push(`${where}: banner`);
        }
        if (header('x-content-type-options') !== 'nosniff') {
          problems.push(`${where}: no nosniff`);
        }
        const isHtml = (header('content-type') ?? '').startsWith('text/html');
        if (isHtml && !(header('content-security-policy') ?? '').includes('default-src')) {
          problems.push(`${where}: HTML without CSP`);
        }
        if (needsNoStore(path) && header('cache-control') !== 'no-store') {
          problems.push(`${where}: cache-control ${header('cache-control')}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('responses that carry a secret', () => {
  it('are never stored by a cache: create and rotate over REST and through the bridge', async () => {
    const created = await send(server.baseUrl, '/api/v1/tokens', {
      method: 'POST',
      auth: adminAuth,
      body: { name: 'Headers REST', validity: 'never' },
    });
    const { id } = created.body as { id: string };
    const rotated = await send(server.baseUrl, `/api/v1/tokens/${id}/rotate`, {
      method: 'POST',
      auth: adminAuth,
    });
    const bridged = await invoke(server.baseUrl, session, {
      functionKey: 'createToken',
      payload: { name: 'Headers bridge', validity: 'never' },
    });

    const seen = [created, rotated, bridged].map((reply) => ({
      carriesSecret: /"token":"atat_/.test(reply.text),
      cacheControl: reply.headers.get('cache-control'),
    }));
    expect(seen).toEqual(Array(3).fill({ carriesSecret: true, cacheControl: 'no-store' }));
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite, scoped to the whole site and random', () => {
    const attributes = session.setCookie.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'path=/']));
    expect(attributes.some((part) => part === 'samesite=lax' || part === 'samesite=strict')).toBe(
      true,
    );
    const value = session.cookie.split('=')[1] ?? '';
    expect(value.length).toBeGreaterThanOrEqual(43);
    expect(value).not.toContain('admin');
  });
});

describe('the identity header', () => {
  it('cannot be sent by a client: the product sees the token owner, not the claimed user', async () => {
    const created = await send(server.baseUrl, '/api/v1/tokens', {
      method: 'POST',
      auth: basic(TEST_USERS.alice.username, TEST_USERS.alice.password),
      body: { name: 'Alice identity', validity: 'never' },
    });
    const secret = (created.body as { token: string }).token;
    const reply = await send(server.baseUrl, '/rest/api/2/myself', {
      auth: basic('alice', secret),
      headers: { 'x-forwarded-user': 'admin', X_Forwarded_User: 'admin' },
    });
    expect({ status: reply.status, name: (reply.body as { name?: string }).name }).toEqual({
      status: 200,
      name: 'alice',
    });
  });
});

describe("the product's answers", () => {
  it('are passed on without the banners the product sent', async () => {
    const world = await startWorld();
    const secret = (await world.token('alice', { name: 'Banner' })).token;
    const reply = await send(world.baseUrl, '/rest/api/2/myself', { auth: basic('alice', secret) });
    await world.close();
    expect({
      status: reply.status,
      server: reply.headers.get('server'),
      poweredBy: reply.headers.get('x-powered-by'),
    }).toEqual({
      status: 200,
      server: null,
      poweredBy: null,
    });
  });
});
