/** /login and /logout: the sign-in form checked against the users file, and signing out. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../app/app';
import type { User } from '../../../core/types';
import type { Directory, Logger, PasswordVerifier } from '../../../ports';
import { loginPage, signOutPage } from './html';
import type { SignInThrottle } from './login-throttle';
import { isSameOrigin, PLAIN_PAGE_CSP, safeNextPath, setPageHeaders } from './security';
import { sameText, type SessionStore } from './session';
import { setSessionCookie, signedIn } from './signed-in';

/**
 * What sign-in needs: the app (for the client address, read as the gateway reads it), the
 * password check, the directory, sessions, the throttle, the log.
 */
export interface SignInDeps {
  app: Pick<App, 'clientAddress'>;
  passwords: PasswordVerifier;
  directory: Directory;
  sessions: SessionStore;
  throttle: SignInThrottle;
  logger: Logger;
}

const MAX_FIELD_LENGTH = 1024;

function field(body: unknown, name: string): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.slice(0, MAX_FIELD_LENGTH) : '';
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  setPageHeaders(reply, PLAIN_PAGE_CSP);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** Registers the sign-in and sign-out routes. */
export function registerSignIn(scope: FastifyInstance, deps: SignInDeps): void {
  scope.get('/login', async (request, reply) => {
    const next = safeNextPath((request.query as Record<string, unknown>).next);
    return sendHtml(reply, 200, loginPage({ next, username: '', error: null }));
  });

  scope.post('/login', async (request, reply) => signIn(request, reply, deps));

  scope.get('/logout', async (request, reply) => {
    const who = await signedIn(request, deps.sessions, deps.directory);
    if (who.kind !== 'user') {
      return reply.redirect('/login', 303);
    }
    return sendHtml(reply, 200, signOutPage({ csrfToken: who.session.csrfToken }));
  });

  scope.post('/logout', async (request, reply) => {
    const who = await signedIn(request, deps.sessions, deps.directory);
    if (who.kind === 'user') {
      if (!isSameOrigin(request) || !sameText(field(request.body, 'csrf'), who.session.csrfToken)) {
        return sendHtml(reply, 403, signOutPage({ csrfToken: who.session.csrfToken }));
      }
      deps.sessions.end(who.session.id);
      deps.logger.info('signed out', { accountId: who.user.accountId });
    }
    setSessionCookie(request, reply, '');
    return reply.redirect('/login', 303);
  });
}

/**
 * The address failures are counted against: the client address as the IP restrictions see it
 * (behind a trusted proxy, the client's own hop, so one client's failures do not throttle
 * everyone behind that proxy). An address that cannot be known is counted as 'unknown', one
 * shared count; null when the settings that say how to read it cannot be read.
 */
async function throttleAddress(deps: SignInDeps, request: FastifyRequest): Promise<string | null> {
  try {
    const address = await deps.app.clientAddress(
      request.socket.remoteAddress ?? null,
      request.headers,
    );
    return address ?? 'unknown';
  } catch {
    return null;
  }
}

/** The user the form's credentials name, null when they are wrong, 'unavailable' when the check failed. */
async function checkPassword(
  deps: SignInDeps,
  username: string,
  password: string,
): Promise<User | null | 'unavailable'> {
  if (username === '' || password === '') {
    return null;
  }
  try {
    return await deps.passwords.verifyPassword(username, password);
  } catch {
    return 'unavailable';
  }
}

async function signIn(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: SignInDeps,
): Promise<FastifyReply> {
  const username = field(request.body, 'username').trim();
  const next = safeNextPath(field(request.body, 'next'));
  const retry = (status: number, error: string): FastifyReply =>
    sendHtml(reply, status, loginPage({ next, username, error }));

  if (!isSameOrigin(request)) {
    return retry(403, 'Sign in from this page.');
  }
  const address = await throttleAddress(deps, request);
  if (address === null) {
    return retry(503, 'The app cannot read its settings right now; try again shortly.');
  }
  const wait = deps.throttle.waitSeconds(address);
  if (wait > 0) {
    void reply.header('retry-after', String(wait));
    return retry(
      429,
      `Too many failed sign-ins from your address. Try again in ${Math.ceil(wait / 60)} minutes.`,
    );
  }
  const user = await checkPassword(deps, username, field(request.body, 'password'));
  if (user === 'unavailable') {
    return retry(503, 'The user directory does not answer; try again shortly.');
  }
  if (user === null) {
    deps.throttle.recordFailure({ address, username });
    deps.logger.warn('sign-in failed', { ip: address });
    return retry(200, 'Wrong username or password.');
  }

  deps.throttle.recordSuccess({ address, username });
  setSessionCookie(request, reply, deps.sessions.create(user.accountId).cookieValue);
  deps.logger.info('signed in', { accountId: user.accountId, ip: address });
  return reply.redirect(next, 303);
}
