/** Signing in to the local pages as a browser would, and calling the bridge as a page would. */
import { send, type Reply } from './http';

export interface PageSession {
  /** The Cookie header value naming the session. */
  cookie: string;
  /** The raw Set-Cookie header the sign-in answered with. */
  setCookie: string;
  /** The session's CSRF token, as the pages read it. */
  csrf: string;
}

/** Signs in through the form (same origin) and reads the CSRF token from the launcher. */
export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
): Promise<PageSession> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ username, password, next: '/' }).toString(),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  if (response.status !== 303 || cookie === '') {
    throw new Error(`sign-in as ${username} failed with ${response.status}`);
  }
  const launcher = await send(baseUrl, '/', { headers: { cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(launcher.text)?.[1];
  if (csrf === undefined) {
    throw new Error('the launcher page carries no CSRF token');
  }
  return { cookie, setCookie, csrf };
}

export interface BridgeCall {
  functionKey: string;
  payload?: unknown;
}

/** POST /bridge/invoke as the page of `session` would (override any header to play an attacker). */
export function invoke(
  baseUrl: string,
  session: PageSession | null,
  call: BridgeCall,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const pageHeaders: Record<string, string> =
    session === null
      ? { origin: baseUrl }
      : { origin: baseUrl, cookie: session.cookie, 'x-csrf-token': session.csrf };
  return send(baseUrl, '/bridge/invoke', {
    method: 'POST',
    headers: { ...pageHeaders, ...headers },
    body: call,
  });
}

/** The OperationResult the bridge answered with: its status and error code. */
export function resultOf(reply: Reply): { status: number; code: string | null } {
  const result = reply.body as { status?: unknown; error?: { code?: unknown } } | null;
  const code = result?.error?.code;
  return {
    status: typeof result?.status === 'number' ? result.status : reply.status,
    code: typeof code === 'string' ? code : null,
  };
}
