/** The app as every runtime sees it: the authentication decision, the operations, settings, health, housekeeping. */
import { resolveClientAddress } from '../core/client-address';
import { FAILURE_POLICY, type FailurePolicy } from '../core/failed-attempts';
import type { IpMatcher } from '../core/ip-allowlist';
import type { Settings } from '../core/types';
import {
  StoreUnavailableError,
  type Clock,
  type Directory,
  type Logger,
  type PasswordVerifier,
  type Stores,
} from '../ports';
import type { ServiceDeps } from '../services/deps';
import { createAuthenticator } from '../services/gateway/authenticate';
import { createLastUsedRecorder } from '../services/gateway/last-used';
import type { AuthOutcome, AuthRequest } from '../services/gateway/outcome';
import { runHousekeeping, type HousekeepingCounts } from '../services/housekeeping';
import { createSettingsService } from '../services/settings';
import { createTokenService } from '../services/tokens';
import type { Caller, OperationKey, OperationResult, Operations } from './contract';
import type { AppServices } from './operations';
import { runOperation } from './run-operation';

export type { AuthOutcome, AuthRequest } from '../services/gateway/outcome';

export interface AppDeps {
  stores: Stores;
  directory: Directory;
  /** The product's own password check; null under Forge (credentials go to the site unchanged). */
  passwords: PasswordVerifier | null;
  clock: Clock;
  logger: Logger;
  /** How long settings may be served from memory (default 5000 ms). */
  settingsCacheMs?: number;
  /** Failed-attempt policy override (tests). */
  failurePolicy?: FailurePolicy;
}

/** A request at the gateway or the REST API, before its client address is known. */
export interface IncomingRequest {
  method: string;
  authorization: string | string[] | undefined;
  /** The socket's remote address (under Forge, the configured client-address header's). */
  remoteAddress: string | null;
  /** The request's headers: X-Forwarded-For is read from them when the sender is a trusted proxy. */
  headers: Record<string, string | string[] | undefined>;
  requestId: string;
}

export interface App {
  /** The decision table of DESIGN.md §3, rows 1–10, in order; never throws (storage failure → refuse UNAVAILABLE 503). */
  authenticate(request: AuthRequest): Promise<AuthOutcome>;
  /**
   * The client address (as clientAddress) and the decision for it, with the reads of both
   * started together (one KVS call under Forge when the cached settings are due). Rejects
   * with StoreUnavailableError only when the settings cannot be read for the address.
   */
  authenticateRequest(
    request: IncomingRequest,
  ): Promise<{ clientIp: string | null; outcome: AuthOutcome }>;
  /** Runs an operation of src/app/contract.ts as `caller`; validates input (400 + details), authorises, maps errors. Never throws. */
  runOperation<K extends OperationKey>(
    key: K,
    input: unknown,
    caller: Caller,
  ): Promise<OperationResult<Operations[K]['output']>>;
  /** Client address from the socket address and headers, using trustedProxies (null when unusable). Throws StoreUnavailableError if settings cannot be read. */
  clientAddress(
    remoteAddress: string | null,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<string | null>;
  /** Current settings with compiled matchers, cached for settingsCacheMs; invalidated by saves through this App. */
  currentSettings(): Promise<{
    settings: Settings;
    allowlist: IpMatcher;
    trustedProxies: IpMatcher;
  }>;
  /** True when the store answers. */
  health(): Promise<boolean>;
  /** Daily housekeeping: prune old failed attempts, drop tokens expired over 90 days ago, revoke tokens of inactive or unknown owners, forget tokens revoked over 400 days ago. */
  housekeeping(): Promise<HousekeepingCounts>;
}

/** Builds the app over one runtime's stores, directory, password check, clock and logger. */
export function createApp(deps: AppDeps): App {
  const services = buildServices(deps);
  const { settings } = services;
  const lastUsed = createLastUsedRecorder({
    tokens: deps.stores.tokens,
    clock: deps.clock,
    logger: deps.logger,
  });
  const authenticator = createAuthenticator({ ...services, passwords: deps.passwords, lastUsed });

  // One `then` on the settings promise, not an async function around a `catch`: two promises
  // fewer per request.
  const clientAddress: App['clientAddress'] = (remoteAddress, headers) =>
    settings.current().then(
      ({ trustedProxies }) =>
        resolveClientAddress({
          remoteAddress,
          forwardedFor: headerValue(headers, 'x-forwarded-for'),
          trustedProxies,
        }),
      (error: unknown) => {
        throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError();
      },
    );

  return {
    authenticate: (request) => authenticator.authenticate(request),
    authenticateRequest(request) {
      // Started before the address lookup refreshes the settings, in the same turn.
      const ahead = authenticator.readAhead(request.authorization);
      return clientAddress(request.remoteAddress, request.headers).then(
        (clientIp) =>
          authenticator
            .authenticate(
              {
                method: request.method,
                authorization: request.authorization,
                clientIp,
                requestId: request.requestId,
              },
              ahead,
            )
            .then((outcome) => ({ clientIp, outcome })),
        // No read started for this request may outlive it.
        async (error: unknown) => {
          await ahead?.settled;
          throw error;
        },
      );
    },
    runOperation: (key, input, caller) => runOperation(services, key, input, caller),
    clientAddress,
    currentSettings: () => settings.current(),
    async health() {
      try {
        await deps.stores.settings.get();
        return true;
      } catch {
        return false;
      }
    },
    housekeeping: () => runHousekeeping(services),
  };
}

/** The services every operation and the decision use, over one runtime's ports. */
function buildServices(deps: AppDeps): AppServices {
  const settings = createSettingsService({
    store: deps.stores.settings,
    clock: deps.clock,
    ...(deps.settingsCacheMs !== undefined && { cacheMs: deps.settingsCacheMs }),
  });
  const serviceDeps: ServiceDeps = {
    stores: deps.stores,
    directory: deps.directory,
    clock: deps.clock,
    logger: deps.logger,
    settings,
    failurePolicy: deps.failurePolicy ?? FAILURE_POLICY,
  };
  return { ...serviceDeps, tokens: createTokenService(serviceDeps) };
}

/** A header by name, whatever the case the transport gave it. */
function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | string[] | undefined {
  // A loop over the names, not Object.keys(): no array of every header name per request.
  for (const key in headers) {
    if (key.length === name.length && key.toLowerCase() === name) {
      return headers[key];
    }
  }
  return undefined;
}
