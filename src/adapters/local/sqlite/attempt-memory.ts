/**
 * Exact in-memory copies of the failed attempts of recently asked addresses, so the lock check
 * of a gateway request reads no SQL. Safe because the local server is the only writer of its
 * SQLite file: every record, reset and prune goes through the store, which applies it here at
 * once. An address is loaded from SQLite the first time it is asked about (or when asked about
 * an earlier instant than was loaded); the addresses loaded longest ago are forgotten first.
 */
import type { AttemptWindow } from '../../../ports';

/** Most addresses kept in memory; a forgotten one is read again from SQLite when asked. */
export const MAX_REMEMBERED_ADDRESSES = 10_000;

/** One failure of a remembered address. */
export interface RememberedAttempt {
  at: number;
  accountId: string | null;
}

interface AddressWindow {
  /** Every failure of the address at or after this instant is in `attempts`. */
  since: number;
  attempts: RememberedAttempt[];
}

/** Reads every failure of `ip` at or after `since` from SQLite. */
export type AddressLoader = (ip: string, since: number) => RememberedAttempt[];

export interface AttemptMemory {
  /** Failures of `ip` (naming `accountId` when given) at or after `since`. */
  count(ip: string, since: number, accountId?: string): AttemptWindow;
  /** Adds a failure the store has just written. */
  recorded(ip: string, attempt: RememberedAttempt): void;
  /** Drops the failures the store has just deleted. */
  removed(gone: (attempt: RememberedAttempt) => boolean): void;
}

/** Counts over `attempts`, as SQL's COUNT(*) and MIN(at) would give them. */
function windowOf(attempts: RememberedAttempt[], since: number, accountId?: string): AttemptWindow {
  let count = 0;
  let oldestAt: number | null = null;
  for (const attempt of attempts) {
    if (attempt.at >= since && (accountId === undefined || attempt.accountId === accountId)) {
      count += 1;
      oldestAt = oldestAt === null || attempt.at < oldestAt ? attempt.at : oldestAt;
    }
  }
  return { count, oldestAt };
}

/** Memory over `load`, keeping at most `maxAddresses` addresses. */
export function createAttemptMemory(
  load: AddressLoader,
  maxAddresses: number = MAX_REMEMBERED_ADDRESSES,
): AttemptMemory {
  const windows = new Map<string, AddressWindow>();

  function windowFor(ip: string, since: number): AddressWindow {
    const known = windows.get(ip);
    if (known !== undefined && known.since <= since) {
      return known;
    }
    const loaded: AddressWindow = { since, attempts: load(ip, since) };
    windows.delete(ip);
    windows.set(ip, loaded);
    if (windows.size > maxAddresses) {
      const oldest = windows.keys().next();
      if (oldest.done !== true) {
        windows.delete(oldest.value);
      }
    }
    return loaded;
  }

  return {
    count: (ip, since, accountId) => windowOf(windowFor(ip, since).attempts, since, accountId),
    recorded: (ip, attempt) => {
      windows.get(ip)?.attempts.push(attempt);
    },
    removed: (gone) => {
      for (const window of windows.values()) {
        if (window.attempts.some(gone)) {
          window.attempts = window.attempts.filter((attempt) => !gone(attempt));
        }
      }
    },
  };
}
