/**
 * Slows down password guessing on the sign-in form: failures are counted per address and per
 * (username, address) in a sliding window; past the limit the address must pause.
 */
import { createHash } from 'node:crypto';

export const SIGN_IN_FAILURE_LIMIT = 10;
/** Failures older than this are forgotten. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Addresses remembered at most (least recently failed forgotten first), so memory stays bounded. */
export const MAX_SIGN_IN_ADDRESSES = 10_000;

/** One sign-in attempt: where it came from and the username exactly as typed. */
export interface SignInAttempt {
  address: string;
  username: string;
}

/** Counts failed sign-ins per address and per (username, address). */
export interface SignInThrottle {
  /** Seconds to wait before trying again from `address`, or 0 when it may try now. */
  waitSeconds(address: string): number;
  /** Counts a failure against the address and against the username at that address. */
  recordFailure(attempt: SignInAttempt): void;
  /** Forgets that username's failures at that address; other names' failures there stay. */
  recordSuccess(attempt: SignInAttempt): void;
}

interface Failure {
  at: number;
  /** SHA-256 of the typed username: a fixed size whatever was typed. */
  user: string;
}

function userKey(username: string): string {
  return createHash('sha256').update(username).digest('base64url');
}

/**
 * Failures per address within a sliding window; `now` is the clock. A (username, address)
 * count is part of its address's count, so the address limit bounds both; a success removes
 * only its own username's part, so signing in with one's own account never wipes the
 * failures other names left at the same address.
 */
export function createSignInThrottle(now: () => number): SignInThrottle {
  // Insertion order is the order of each address's latest failure, oldest first.
  const failures = new Map<string, Failure[]>();
  const recent = (address: string): Failure[] =>
    (failures.get(address) ?? []).filter((failure) => failure.at > now() - SIGN_IN_WINDOW_MS);

  return {
    waitSeconds(address) {
      const times = recent(address);
      const oldest = times[0];
      if (times.length < SIGN_IN_FAILURE_LIMIT || oldest === undefined) {
        return 0;
      }
      return Math.max(1, Math.ceil((oldest.at + SIGN_IN_WINDOW_MS - now()) / 1000));
    },
    recordFailure({ address, username }) {
      const kept = [...recent(address), { at: now(), user: userKey(username) }];
      failures.delete(address);
      failures.set(address, kept.slice(-SIGN_IN_FAILURE_LIMIT));
      forgetStale(failures, now() - SIGN_IN_WINDOW_MS);
    },
    recordSuccess({ address, username }) {
      const user = userKey(username);
      const others = recent(address).filter((failure) => failure.user !== user);
      if (others.length === 0) {
        failures.delete(address);
      } else {
        failures.set(address, others);
      }
    },
  };
}

/** Drops addresses whose latest failure is older than `cutoff`, then the oldest above the cap. */
function forgetStale(failures: Map<string, Failure[]>, cutoff: number): void {
  for (const [address, list] of failures) {
    const latest = list[list.length - 1];
    const stale = latest === undefined || latest.at <= cutoff;
    if (!stale && failures.size <= MAX_SIGN_IN_ADDRESSES) {
      return;
    }
    failures.delete(address);
  }
}
