/**
 * The local pages' routes over HTTP against the real local runtime: sign-in and its cookie,
 * redirects, security headers, the bridge endpoint's protections and the static files.
 */
import { startTestServer, TEST_USERS, type TestServer } from '../support/server';
import { bridge, httpSignIn, postLogin, type HttpSession } from './http-session';

let server: TestServer;
let base: string;
let alice: HttpSession;

beforeAll(async () => {
  server = await startTestServer();
  base = server.baseUrl;
  alice = await httpSignIn(base, TEST_USERS.alice);
});

afterAll(async () => {
  await server.close();
});

describe('sign-in', () => {
  test('sends an unauthenticated page request to /login with the page as next', async () => {
    const response = await fetch(`${base}/jira/admin`, { redirect: 'manual' });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fjira%2Fadmin');
  });

  test('sets an HttpOnly, SameSite=Lax, signed session cookie and goes to next', async () => {
    const response = await postLogin(base, { ...TEST_USERS.bob, next: '/jira/profile/tokens' });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/jira/profile/tokens');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^atat_session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
  });

  test.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
  ])('never sends the browser to another site after signing in (next=%s)', async (next) => {
    const response = await postLogin(base, { ...TEST_USERS.bob, next });

    expect(response.headers.get('location')).toBe('/');
  });

  test('shows the form again with a message for a wrong password, and sets no cookie', async () => {
    const response = await postLogin(base, {
      username: 'alice',
      password: 'wrong-password',
      next: '/',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('Wrong username or password.');
    expect(server.logs.join('\n')).not.toContain('wrong-password');
  });

  test('refuses a sign-in posted from another site', async () => {
    const response = await postLogin(
      base,
      { ...TEST_USERS.bob, next: '/' },
      { origin: 'https://evil.example' },
    );

    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  test('ignores a session cookie whose signature does not match', async () => {
    const [id] = alice.cookie.split('.');
    const response = await fetch(`${base}/`, {
      redirect: 'manual',
      headers: { cookie: `${id}.forged` },
    });

    expect(response.status).toBe(303);
  });
});

describe('page headers', () => {
  test.each(['/', '/jira/admin', '/app/admin/', '/login'])(
    '%s forbids framing by other sites and sniffing',
    async (path) => {
      const response = await fetch(`${base}${path}`, { headers: { cookie: alice.cookie } });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(response.headers.get('cache-control')).toBe('no-store');
    },
  );

  test('the built page is marked as local and carries the session’s CSRF token', async () => {
    const html = await (
      await fetch(`${base}/app/admin/`, { headers: { cookie: alice.cookie } })
    ).text();

    expect(html).toContain('<meta name="runtime" content="local">');
    expect(html).toContain(`<meta name="csrf-token" content="${alice.csrfToken}">`);
  });
});

describe('bridge endpoint', () => {
  test('runs an operation as the signed-in user and answers the OperationResult with 200', async () => {
    const answer = await bridge(base, alice, { functionKey: 'getMe', payload: {} });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ok: true,
      status: 200,
      data: { username: 'alice', isAdmin: false },
    });
  });

  test('answers a refused operation with 200 and the refusal inside', async () => {
    const answer = await bridge(base, alice, { functionKey: 'getSettings', payload: {} });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ok: false,
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
  });

  test('refuses a call without the session’s CSRF token', async () => {
    const answer = await bridge(
      base,
      alice,
      { functionKey: 'getMe', payload: {} },
      { 'x-csrf-token': 'not-the-token' },
    );

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ ok: false, status: 403, error: { code: 'CSRF_REJECTED' } });
  });

  test('refuses a call from another origin even with the token', async () => {
    const answer = await bridge(
      base,
      alice,
      { functionKey: 'getMe', payload: {} },
      { origin: 'https://evil.example' },
    );

    expect(answer.body).toMatchObject({ ok: false, error: { code: 'CSRF_REJECTED' } });
  });

  test('refuses a call without a session', async () => {
    const answer = await bridge(
      base,
      { cookie: '', csrfToken: '' },
      { functionKey: 'getMe', payload: {} },
    );

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ ok: false, status: 401, error: { code: 'AUTH_REQUIRED' } });
  });

  test('refuses an unknown function key', async () => {
    const answer = await bridge(base, alice, { functionKey: 'constructor', payload: {} });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('static files', () => {
  test('serves the built scripts with a JavaScript content type', async () => {
    const html = await (
      await fetch(`${base}/app/user/`, { headers: { cookie: alice.cookie } })
    ).text();
    const script = /src="\.\/assets\/([^"]+\.js)"/.exec(html)?.[1];

    const response = await fetch(`${base}/app/user/assets/${script}`);
    // Read to the end: a large answer left unread keeps its connection busy, and the server's
    // close waits for it.
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(body.length).toBeGreaterThan(1000);
  });

  test.each(['..%2F..%2F..%2Fpackage.json', '..%2Findex.html', '.env', 'x.ts', '%2Fetc%2Fpasswd'])(
    'never serves a file outside the assets folder (%s)',
    async (name) => {
      const response = await fetch(`${base}/app/admin/assets/${name}`);

      expect(response.status).toBe(404);
    },
  );
});

describe('sign-in throttling', () => {
  // A server per test: the count is per address and every request here comes from 127.0.0.1.
  let own: TestServer;

  beforeEach(async () => {
    own = await startTestServer();
  });

  afterEach(async () => {
    await own.close();
  });

  test('refuses the 11th sign-in within 15 minutes after 10 wrong passwords, even a right one', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await postLogin(own.baseUrl, {
        username: 'bob',
        password: `guess-${attempt}`,
        next: '/',
      });
      expect(response.status).toBe(200);
    }

    const response = await postLogin(own.baseUrl, { ...TEST_USERS.bob, next: '/' });

    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  test('keeps counting the failures of other names after a sign-in from the same address', async () => {
    for (let attempt = 0; attempt < 9; attempt += 1) {
      await postLogin(own.baseUrl, { username: 'alice', password: `guess-${attempt}` });
    }
    expect((await postLogin(own.baseUrl, { ...TEST_USERS.bob, next: '/' })).status).toBe(303);
    await postLogin(own.baseUrl, { username: 'alice', password: 'guess-9' });

    const response = await postLogin(own.baseUrl, { ...TEST_USERS.alice, next: '/' });

    expect(response.status).toBe(429);
  });
});
