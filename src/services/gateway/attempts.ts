/** Failed-attempt windows and records for one request's address and named user. */
import { lockoutFor, type FailurePolicy } from '../../core/failed-attempts';
import type { User } from '../../core/types';
import type { AttemptStore, AttemptWindow, Clock } from '../../ports';

/** Failures from requests without a usable address are counted under this address. */
export const UNKNOWN_ADDRESS = 'unknown';

const EMPTY_WINDOW: AttemptWindow = { count: 0, oldestAt: null };

export interface AttemptTracker {
  /** Whether the address, or the named user at this address, is past the limit. */
  lockout(named: User | null): Promise<ReturnType<typeof lockoutFor>>;
  /** Counts a failure from this address, naming `accountId` when known. */
  recordFailure(accountId: string | null): Promise<void>;
}

/**
 * The first instant of the window ending at `now`: (now - windowMs, now]. A failure leaves the
 * window exactly windowMs after it happened — the instant Retry-After names — not 1 ms later.
 */
export function windowStart(now: number, policy: FailurePolicy): number {
  return now - policy.windowMs + 1;
}

/** A tracker for one request, at the clock's time when created. */
export function createAttemptTracker(
  deps: { stores: { attempts: AttemptStore }; clock: Clock; failurePolicy: FailurePolicy },
  request: { ip: string | null },
): AttemptTracker {
  const { attempts } = deps.stores;
  const now = deps.clock.now();
  const since = windowStart(now, deps.failurePolicy);
  const ip = request.ip ?? UNKNOWN_ADDRESS;

  // Not async: the usual case (a known address below the limit) is one read and one `then`.
  function lockout(named: User | null): Promise<ReturnType<typeof lockoutFor>> {
    // Without a usable address only the named user's count applies: one shared "unknown"
    // address must not let a stranger lock everyone out.
    if (request.ip === null) {
      return withUserCount(EMPTY_WINDOW, named);
    }
    // The named user's failures here are among the address's, under the same limit: while the
    // address is below it, so is the user, and its count need not be read.
    return attempts
      .countByIp(ip, since)
      .then((window) =>
        window.count < deps.failurePolicy.limit
          ? lockoutFor({ ip: window }, now, deps.failurePolicy)
          : withUserCount(window, named),
      );
  }

  async function withUserCount(
    window: AttemptWindow,
    named: User | null,
  ): Promise<ReturnType<typeof lockoutFor>> {
    if (named === null) {
      return lockoutFor({ ip: window }, now, deps.failurePolicy);
    }
    const userAtIp = await attempts.countByUserAtIp(named.accountId, ip, since);
    return lockoutFor({ ip: window, userAtIp }, now, deps.failurePolicy);
  }

  async function recordFailure(accountId: string | null): Promise<void> {
    await attempts.record({ at: now, ip, accountId });
  }

  return { lockout, recordFailure };
}
