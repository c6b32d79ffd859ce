/**
 * The failed-attempt policy: past `limit` failures in a sliding window of `windowMs`, from one
 * address (or one user at one address), further attempts are locked out until the window
 * has moved past enough of them.
 */

/** Failures in a window and when the oldest of them happened (the ports' AttemptWindow). */
export interface AttemptWindow {
  count: number;
  oldestAt: number | null;
}

/** How many failures in what window lock an address. */
export interface FailurePolicy {
  limit: number;
  windowMs: number;
}

/** Default: 10 failures in 15 minutes. */
export const FAILURE_POLICY: FailurePolicy = Object.freeze({ limit: 10, windowMs: 15 * 60 * 1000 });

export type Lockout = { locked: false } | { locked: true; retryAfterSeconds: number };

/** Seconds until the oldest failure leaves the window (at least 1), when the window is locked. */
function retryAfter(window: AttemptWindow, now: number, policy: FailurePolicy): number | null {
  if (window.count < policy.limit) {
    return null;
  }
  const leavesAt = (window.oldestAt ?? now) + policy.windowMs;
  return Math.max(1, Math.ceil((leavesAt - now) / 1000));
}

/** Locked when the address's or the user-at-address count reached the limit; with Retry-After. */
export function lockoutFor(
  windows: { ip: AttemptWindow; userAtIp?: AttemptWindow },
  now: number,
  policy: FailurePolicy = FAILURE_POLICY,
): Lockout {
  const waits = [windows.ip, windows.userAtIp]
    .map((window) => (window === undefined ? null : retryAfter(window, now, policy)))
    .filter((wait): wait is number => wait !== null);
  if (waits.length === 0) {
    return { locked: false };
  }
  return { locked: true, retryAfterSeconds: Math.max(...waits) };
}
