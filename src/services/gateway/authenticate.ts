/**
 * The authentication decision (DESIGN.md §3), in order, the first row that applies wins. Used by
 * the gateway and the management API alike. Never throws: a storage or directory failure refuses.
 */
import { parseAuthorization } from '../../core/credentials';
import type { FailurePolicy } from '../../core/failed-attempts';
import { mayUseToken, scopeAllowsMethod } from '../../core/permissions';
import { hasTokenFormat, hashToken } from '../../core/token-format';
import type { Settings, TokenRecord, User } from '../../core/types';
import { isExpired } from '../../core/validity';
import type { Clock, Directory, Logger, PasswordVerifier, Stores, TokenStore } from '../../ports';
import type { SettingsService } from '../settings';
import { createAttemptTracker, windowStart, type AttemptTracker } from './attempts';
import { errorName } from '../errors';
import type { LastUsedRecorder } from './last-used';
import { refusal, WWW_AUTHENTICATE, type AuthOutcome, type AuthRequest } from './outcome';

export interface AuthenticatorDeps {
  stores: Pick<Stores, 'tokens' | 'attempts'>;
  settings: SettingsService;
  directory: Directory;
  passwords: PasswordVerifier | null;
  clock: Clock;
  logger: Logger;
  failurePolicy: FailurePolicy;
  lastUsed: LastUsedRecorder;
}

/** The decision, and the step that starts its reads ahead of a client-address lookup. */
export interface Authenticator {
  /** The decision for `request`; `ahead` is what readAhead started for it, if anything. */
  authenticate(request: AuthRequest, ahead?: ReadAhead | null): Promise<AuthOutcome>;
  /**
   * When the cached settings are due, starts the reads the decision on `authorization` will
   * make (the presented token, the failure counts) and answers them for authenticate();
   * null when they are not due. Call it in the same turn as whatever refreshes the settings
   * (the client-address lookup), so that a store able to batch sends one call for all.
   */
  readAhead(authorization: AuthRequest['authorization']): ReadAhead | null;
}

/** Reads started before the decision: the parsed credential and the token it presents. */
export interface ReadAhead {
  credential: Credential;
  token: Promise<PresentedToken | null>;
  /**
   * Settles (never rejects) when every read started ahead is done. The decision waits for it
   * before it answers, even when it refused before needing them: no read outlives its
   * request (under Forge the next invocation may be another installation's).
   */
  settled: Promise<void>;
}

type Credential = ReturnType<typeof parseAuthorization>;

/** The decision over `deps`; a thrown store or directory error becomes 503 UNAVAILABLE. */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  return {
    // A promise chain, not an async function around `await decide`: one promise fewer.
    authenticate: (request, ahead) =>
      decide(deps, request, ahead ?? null).catch((error: unknown) => {
        // Row 1: storage or directory unavailable — never allow.
        deps.logger.error('authentication refused: storage unavailable', {
          requestId: request.requestId,
          error: errorName(error),
        });
        return refusal('UNAVAILABLE');
      }),
    readAhead: (authorization) =>
      deps.settings.due() ? startReads(deps, parseAuthorization(authorization)) : null,
  };
}

/** The decision, answered once any read started ahead for it is done. */
function decide(
  deps: AuthenticatorDeps,
  request: AuthRequest,
  ahead: ReadAhead | null,
): Promise<AuthOutcome> {
  const credential = ahead?.credential ?? parseAuthorization(request.authorization);
  const early = ahead ?? (deps.settings.due() ? startReads(deps, credential) : null);
  const outcome = decideRows(deps, request, credential, early);
  return early === null ? outcome : outcome.finally(() => early.settled);
}

async function decideRows(
  deps: AuthenticatorDeps,
  request: AuthRequest,
  credential: Credential,
  early: ReadAhead | null,
): Promise<AuthOutcome> {
  const { settings, allowlist } = await deps.settings.current();

  // Row 2: IP restrictions apply to every credential.
  if (!allowlist.match(request.clientIp).allowed) {
    return refusal('IP_NOT_ALLOWED');
  }

  // Rows 3 and 4: a credential is present and well-formed.
  if (credential.kind === 'none') {
    return refusal('AUTH_REQUIRED', { wwwAuthenticate: WWW_AUTHENTICATE });
  }
  if (credential.kind === 'malformed') {
    return refusal('BAD_CREDENTIALS', { wwwAuthenticate: WWW_AUTHENTICATE });
  }

  // Row 5: the address, or the named user at this address, is locked by failed attempts.
  const named = credential.kind === 'basic' ? await deps.directory.findUser(credential.user) : null;
  const attempts = createAttemptTracker(deps, { ip: request.clientIp });
  const lock = await attempts.lockout(named);
  if (lock.locked) {
    return refusal('TOO_MANY_FAILURES', { retryAfterSeconds: lock.retryAfterSeconds });
  }

  // Row 6: a token of the named user (of anyone, for Bearer) goes on to rows 7–10.
  const presented = await (early?.token ?? lookUpToken(deps.stores.tokens, credential.secret));
  const ownerMatches =
    presented !== null && (credential.kind === 'bearer' || named?.accountId === presented.ownerId);
  if (ownerMatches && presented.token !== null) {
    return checkToken(deps, { settings, token: presented.token, request, attempts });
  }
  // Row 7 for a token that was deleted or rotated away: it expired.
  if (ownerMatches) {
    await attempts.recordFailure(presented.ownerId);
    return refusal('TOKEN_EXPIRED', { wwwAuthenticate: WWW_AUTHENTICATE });
  }
  const password = credential.kind === 'basic' ? credential : null;
  return notAToken(deps, { settings, password, named, attempts });
}

/**
 * The reads the decision is about to make, started with the settings refresh: the failure
 * counts (for stores that keep a per-instance view of them) and the presented token. Under
 * Forge they go out as one KVS call (kvs-read-batch.ts). A request refused before it needs
 * the token has spent that read for nothing, at most once per settings cache period.
 */
function startReads(deps: AuthenticatorDeps, credential: Credential): ReadAhead {
  const since = windowStart(deps.clock.now(), deps.failurePolicy);
  const refreshed = deps.stores.attempts.refresh?.(since) ?? Promise.resolve();
  const token =
    credential.kind === 'basic' || credential.kind === 'bearer'
      ? lookUpToken(deps.stores.tokens, credential.secret)
      : NOT_A_TOKEN;
  // A failed token read surfaces where the decision awaits it (if it gets that far).
  const settled = Promise.all([refreshed, token.catch(() => null)]).then(() => undefined);
  return { credential, token, settled };
}

/** A token the secret names: live (token set), or revoked (token null); null when neither. */
type PresentedToken = { ownerId: string; token: TokenRecord | null };

/** What lookUpToken answers for a secret that is not shaped like a token. */
const NOT_A_TOKEN: Promise<PresentedToken | null> = Promise.resolve(null);

/**
 * The token whose hash the secret has, else the revoked one it had; null for anything else.
 * A malformed secret costs no read; the revoked-token read happens only when no live token
 * matched, so a valid token's request still costs one read.
 */
function lookUpToken(tokens: TokenStore, secret: string): Promise<PresentedToken | null> {
  if (!hasTokenFormat(secret)) {
    return NOT_A_TOKEN;
  }
  const hash = hashToken(secret);
  // Not async: a live token (the usual case) costs the store's promise and one `then`.
  return tokens
    .findByHash(hash)
    .then((token) =>
      token !== null ? { ownerId: token.ownerId, token } : findRevoked(tokens, hash),
    );
}

async function findRevoked(tokens: TokenStore, hash: string): Promise<PresentedToken | null> {
  const revoked = await tokens.findRevoked(hash);
  return revoked === null ? null : { ownerId: revoked.ownerId, token: null };
}

/** Rows 6a and 6b: the credential is not a token of that user. */
async function notAToken(
  deps: AuthenticatorDeps,
  input: {
    settings: Settings;
    password: { user: string; secret: string } | null;
    named: User | null;
    attempts: AttemptTracker;
  },
): Promise<AuthOutcome> {
  const { password, named, attempts } = input;

  // Row 6b: password Basic Auth is off.
  if (!input.settings.passwordAuthEnabled) {
    await attempts.recordFailure(named?.accountId ?? null);
    return refusal('PASSWORD_AUTH_DISABLED');
  }

  // Row 6a: the product's own authentication (under Forge: the site, credentials unchanged).
  // A Bearer credential that is not a token has no password to check.
  if (password !== null && deps.passwords === null) {
    return { kind: 'pass-through' };
  }
  const user =
    password === null || deps.passwords === null
      ? null
      : await deps.passwords.verifyPassword(password.user, password.secret);
  if (user === null) {
    await attempts.recordFailure(named?.accountId ?? null);
    return refusal('BAD_CREDENTIALS', { wwwAuthenticate: WWW_AUTHENTICATE });
  }
  return { kind: 'allow', user, via: 'password' };
}

/** Rows 7 to 10: a token of the named user, checked against the rules. */
async function checkToken(
  deps: AuthenticatorDeps,
  input: { settings: Settings; token: TokenRecord; request: AuthRequest; attempts: AttemptTracker },
): Promise<AuthOutcome> {
  const { settings, token, request, attempts } = input;
  const owner = await deps.directory.getUser(token.ownerId);

  // Row 7: expired (effective expiry), or its owner is gone or inactive.
  if (isExpired(token, settings.maxValidity, deps.clock.now()) || owner === null || !owner.active) {
    await attempts.recordFailure(token.ownerId);
    return refusal('TOKEN_EXPIRED', { wwwAuthenticate: WWW_AUTHENTICATE });
  }

  // Row 8: regular users may not use tokens while only admins may create them.
  if (!mayUseToken(owner, settings)) {
    return refusal('TOKEN_USE_RESTRICTED');
  }

  // Row 9: a read-only token only reads.
  if (!scopeAllowsMethod(token.scope, request.method)) {
    return refusal('READ_ONLY_TOKEN');
  }

  // Row 10: allowed as the owner.
  await deps.lastUsed.record(token, request.clientIp);
  return { kind: 'allow', user: owner, via: 'token', token };
}
