/**
 * Authentication of one HTTP request through the app's decision (the management API and the
 * gateway alike): the client address as the settings say to read it, the Authorization header
 * exactly as received (several copies are passed on as several, so they count as malformed).
 */
import type { FastifyRequest } from 'fastify';
import type { App, AuthOutcome } from '../../app/app';
import type { ErrorCode } from '../../core/types';
import type { Logger } from '../../ports';
import type { HttpRefusal } from './http-errors';

/** What the request was allowed as, or why it was refused. */
export type RequestAuth =
  | { kind: 'refuse'; refusal: HttpRefusal; clientIp: string | null }
  | (Exclude<AuthOutcome, { kind: 'refuse' }> & { clientIp: string | null });

const UNAVAILABLE: HttpRefusal = {
  status: 503,
  code: 'UNAVAILABLE',
  message: 'The app cannot read its settings right now; try again shortly.',
};

/**
 * Where a request's result is kept: a symbol-keyed property of the request itself, cheaper per
 * request than a WeakMap entry (no ephemeron for the collector to trace).
 */
const AUTH = Symbol('requestAuth');

type AuthCarrier = FastifyRequest & { [AUTH]?: RequestAuth };

/** Refusals an administrator may need to explain (a missing header is routine, not logged). */
const LOGGED_REFUSALS = new Set<ErrorCode>([
  'UNAVAILABLE',
  'IP_NOT_ALLOWED',
  'BAD_CREDENTIALS',
  'TOO_MANY_FAILURES',
  'PASSWORD_AUTH_DISABLED',
  'TOKEN_EXPIRED',
  'TOKEN_USE_RESTRICTED',
  'READ_ONLY_TOKEN',
]);

/**
 * Runs the decision for `request` and remembers the result for its handler; logs refusals an
 * administrator may be asked about (code, address, request id — never the credentials).
 * Never throws.
 */
export function authenticateRequest(
  app: App,
  request: FastifyRequest,
  logger: Logger,
): Promise<RequestAuth> {
  // A chain of `then`s rather than an async function: one promise fewer per request.
  return decisionOf(app, request).then(
    ({ clientIp, outcome }) => remember(request, logger, withClientIp(outcome, clientIp)),
    () => remember(request, logger, { kind: 'refuse', refusal: UNAVAILABLE, clientIp: null }),
  );
}

/** The app's decision for the request; a synchronous throw becomes a rejection like any other. */
function decisionOf(app: App, request: FastifyRequest): ReturnType<App['authenticateRequest']> {
  try {
    return app.authenticateRequest({
      method: request.method,
      authorization: authorizationHeader(request),
      remoteAddress: request.socket.remoteAddress ?? null,
      headers: request.headers,
      requestId: request.id,
    });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The result authenticateRequest stored for `request`, or null when it did not run. */
export function requestAuth(request: FastifyRequest): RequestAuth | null {
  return (request as AuthCarrier)[AUTH] ?? null;
}

function remember(request: FastifyRequest, logger: Logger, auth: RequestAuth): RequestAuth {
  (request as AuthCarrier)[AUTH] = auth;
  if (auth.kind === 'refuse' && LOGGED_REFUSALS.has(auth.refusal.code)) {
    logger.warn('request refused', {
      code: auth.refusal.code,
      method: request.method,
      clientIp: auth.clientIp ?? 'unknown',
      requestId: request.id,
    });
  }
  return auth;
}

function withClientIp(outcome: AuthOutcome, clientIp: string | null): RequestAuth {
  if (outcome.kind === 'refuse') {
    const { code, status, message, retryAfterSeconds, wwwAuthenticate } = outcome;
    return {
      kind: 'refuse',
      refusal: { code, status, message, retryAfterSeconds, wwwAuthenticate },
      clientIp,
    };
  }
  // Built field by field rather than spread: one fixed shape per kind, no generic object copy.
  if (outcome.kind === 'pass-through') {
    return { kind: 'pass-through', clientIp };
  }
  if (outcome.via === 'token') {
    const { user, token } = outcome;
    return { kind: 'allow', user, via: 'token', token, clientIp };
  }
  return { kind: 'allow', user: outcome.user, via: 'password', clientIp };
}

const AUTHORIZATION = 'authorization';

/**
 * Node keeps only the first of repeated Authorization headers; the decision must see them all.
 * Read from the raw header lines (name, value, name, value…), as `headersDistinct` would give
 * them, without building that object for every header of every request.
 */
function authorizationHeader(request: FastifyRequest): string | string[] | undefined {
  const lines = request.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const name = lines[i] as string;
    if (name.length === AUTHORIZATION.length && name.toLowerCase() === AUTHORIZATION) {
      values.push(lines[i + 1] as string);
    }
  }
  if (values.length === 0) {
    return undefined;
  }
  return values.length === 1 ? values[0] : values;
}
