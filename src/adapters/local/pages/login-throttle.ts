/** Slows down password guessing on the sign-in form: a few failures per address, then a pause. */

export const SIGN_IN_FAILURE_LIMIT = 10;
/** Failures older than this are forgotten. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Addresses remembered at most (oldest forgotten first), so memory stays bounded. */
const MAX_ADDRESSES = 10_000;

/** Counts failed sign-ins per address. */
export interface SignInThrottle {
  /** Seconds to wait before trying again from `address`, or 0 when it may try now. */
  waitSeconds(address: string): number;
  recordFailure(address: string): void;
  recordSuccess(address: string): void;
}

/** Failures per address within a sliding window; `now` is the clock. */
export function createSignInThrottle(now: () => number): SignInThrottle {
  const failures = new Map<string, number[]>();
  const recent = (address: string): number[] =>
    (failures.get(address) ?? []).filter((at) => at > now() - SIGN_IN_WINDOW_MS);

  return {
    waitSeconds(address) {
      const times = recent(address);
      const oldest = times[0];
      if (times.length < SIGN_IN_FAILURE_LIMIT || oldest === undefined) {
        return 0;
      }
      return Math.max(1, Math.ceil((oldest + SIGN_IN_WINDOW_MS - now()) / 1000));
    },
    recordFailure(address) {
      const times = [...recent(address), now()].slice(-SIGN_IN_FAILURE_LIMIT);
      failures.delete(address);
      failures.set(address, times);
      const oldestAddress = failures.keys().next().value;
      if (failures.size > MAX_ADDRESSES && oldestAddress !== undefined) {
        failures.delete(oldestAddress);
      }
    },
    recordSuccess(address) {
      failures.delete(address);
    },
  };
}
