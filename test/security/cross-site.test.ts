/**
 * State-changing page calls are refused cross-site: the bridge needs the session's CSRF token
 * and a same-origin request, sign-in and sign-out need a same-origin form. The session cookie is
 * no credential for the REST API or the gateway, and is never passed to the product.
 */
import { basic, codeOf, send, type Reply } from './http';
import { invoke, resultOf, signIn, type PageSession } from './pages-session';
import { startWorld, type World } from './world';

const EVIL = 'http://evil.example';
const CREATE = { functionKey: 'createToken', payload: { name: 'Cross-site', validity: 'never' } };

let world: World;
let alice: PageSession;

beforeEach(async () => {
  world = await startWorld();
  alice = await signIn(world.baseUrl, 'alice', 'alice-password');
});

afterEach(async () => world.close());

async function tokenNames(): Promise<string[]> {
  return (await world.stores.tokens.listByOwner('acc-alice')).map((token) => token.name);
}

describe('the bridge', () => {
  it('accepts a call from its own page (the control case)', async () => {
    expect(resultOf(await invoke(world.baseUrl, alice, CREATE))).toEqual({
      status: 201,
      code: null,
    });
  });

  const ATTACKS: [string, (session: PageSession) => Record<string, string>][] = [
    ['no CSRF token', () => ({ 'x-csrf-token': '' })],
    ['a wrong CSRF token', () => ({ 'x-csrf-token': 'A'.repeat(43) })],
    [
      'a CSRF token one character off',
      (session) => ({ 'x-csrf-token': `${session.csrf.slice(0, -1)}x` }),
    ],
    ['another site as Origin', () => ({ origin: EVIL })],
    ['Origin null (sandboxed frame)', () => ({ origin: 'null' })],
    ['another port as Origin', () => ({ origin: 'http://127.0.0.1:1' })],
  ];

  it.each(ATTACKS)(
    'refuses a call with %s (403 CSRF_REJECTED) and changes nothing',
    async (_, headers) => {
      const reply = await invoke(world.baseUrl, alice, CREATE, headers(alice));
      expect({ http: reply.status, ...resultOf(reply) }).toEqual({
        http: 403,
        status: 403,
        code: 'CSRF_REJECTED',
      });
      expect(await tokenNames()).toEqual([]);
    },
  );

  it("refuses another session's CSRF token", async () => {
    const bob = await signIn(world.baseUrl, 'bob', 'bob-password');
    const reply = await invoke(world.baseUrl, alice, CREATE, { 'x-csrf-token': bob.csrf });
    expect(resultOf(reply)).toEqual({ status: 403, code: 'CSRF_REJECTED' });
  });

  it('without Origin, accepts only Sec-Fetch-Site: same-origin', async () => {
    const fetchSite = async (value: string | null): Promise<number> => {
      const response = await fetch(`${world.baseUrl}/bridge/invoke`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: alice.cookie,
          'x-csrf-token': alice.csrf,
          ...(value !== null && { 'sec-fetch-site': value }),
        },
        body: JSON.stringify({ functionKey: 'getMe', payload: {} }),
      });
      return response.status;
    };
    expect([
      await fetchSite('cross-site'),
      await fetchSite('same-site'),
      await fetchSite(null),
    ]).toEqual([403, 403, 403]);
    expect(await fetchSite('same-origin')).toBe(200);
  });

  it('refuses a simple cross-site form post (no JSON, no CSRF header possible)', async () => {
    const response = await fetch(`${world.baseUrl}/bridge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: alice.cookie, origin: EVIL },
      body: JSON.stringify(CREATE),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await tokenNames()).toEqual([]);
  });
});

describe('sign-in and sign-out', () => {
  it('refuses a cross-site sign-in (login CSRF) and sets no cookie', async () => {
    const response = await fetch(`${world.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      body: new URLSearchParams({ username: 'alice', password: 'alice-password' }).toString(),
    });
    expect({ status: response.status, cookie: response.headers.get('set-cookie') }).toEqual({
      status: 403,
      cookie: null,
    });
  });

  it('refuses a cross-site sign-out; the session goes on', async () => {
    const response = await fetch(`${world.baseUrl}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: EVIL,
        cookie: alice.cookie,
      },
      body: new URLSearchParams({ csrf: alice.csrf }).toString(),
    });
    expect(response.status).toBe(403);
    expect(resultOf(await invoke(world.baseUrl, alice, { functionKey: 'getMe' })).status).toBe(200);
  });
});

describe('the session cookie outside the pages', () => {
  it.each([
    ['GET', '/api/v1/me'],
    ['POST', '/api/v1/tokens'],
    ['GET', '/rest/api/2/myself'],
  ])('is no credential for %s %s (401 AUTH_REQUIRED)', async (method, path) => {
    const reply: Reply = await send(world.baseUrl, path, {
      method,
      headers: { cookie: alice.cookie, origin: world.baseUrl },
      ...(method === 'POST' && { body: { name: 'Cookie', validity: 'never' } }),
    });
    expect({ status: reply.status, code: codeOf(reply) }).toEqual({
      status: 401,
      code: 'AUTH_REQUIRED',
    });
  });

  it('is not passed to the product with an allowed gateway request', async () => {
    const secret = (await world.token('alice', { name: 'Gateway' })).token;
    const reply = await send(world.baseUrl, '/rest/api/2/myself', {
      auth: basic('alice', secret),
      headers: { cookie: alice.cookie },
    });
    expect(reply.status).toBe(200);
    const forwarded = world.forwarded.at(-1)?.request.headers ?? {};
    expect(Object.keys(forwarded).filter((name) => /cookie|authorization/i.test(name))).toEqual([]);
  });
});
