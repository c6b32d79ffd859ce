/** Signing in over plain HTTP for the tests of the local pages' routes (no browser). */

export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

/** Posts the sign-in form as a browser on the same origin would; returns the response. */
export async function postLogin(
  baseUrl: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: baseUrl },
): Promise<Response> {
  return fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs in and reads the CSRF token from the admin page the way the page itself does. */
export async function httpSignIn(
  baseUrl: string,
  user: { username: string; password: string },
): Promise<HttpSession> {
  const login = await postLogin(baseUrl, {
    username: user.username,
    password: user.password,
    next: '/',
  });
  const setCookie = login.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';', 1)[0] ?? '';
  const page = await fetch(`${baseUrl}/app/user/`, { headers: { cookie } });
  const csrfToken = /<meta name="csrf-token" content="([^"]+)">/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrfToken };
}

/** Calls the bridge endpoint; `headers` replace the defaults a page sends. */
export async function bridge(
  baseUrl: string,
  session: HttpSession,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/bridge/invoke`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      origin: baseUrl,
      'x-csrf-token': session.csrfToken,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
