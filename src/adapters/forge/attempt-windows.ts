/**
 * The failed-attempt lock check without a KVS read per request.
 *
 * Every gateway request asks "how many failures from this address (and this user at it) in
 * the window?". Reading them from KVS each time would double the cost of a request. Instead
 * each function instance keeps what it last read and answers from memory:
 *
 * - one snapshot of every failure in the window (one query, newest first), answering every
 *   address at once, as long as the window holds at most SNAPSHOT_LIMIT failures;
 * - past that (a burst of failures from many addresses), a snapshot per address instead;
 * - a snapshot is used for FRESH_MS after it was read, then read again: at most one query per
 *   instance every few seconds, however many requests arrive;
 * - failures this instance records, resets and prunes are applied to its snapshots at once,
 *   so its own counts never lag; failures recorded by OTHER instances are seen within FRESH_MS.
 *
 * The cost of that lag: an attacker spreading attempts over several instances gets at most a
 * few seconds' worth of extra attempts before the lock applies everywhere.
 */
import type { FailedAttempt } from '../../core/types';

/** How long a snapshot answers before it is read again. */
export const FRESH_MS = 5_000;
/** Largest window snapshot kept for all addresses at once. */
export const SNAPSHOT_LIMIT = 200;
/** Most addresses kept apart when the window snapshot is too large. */
const MAX_ADDRESSES = 1000;

interface Snapshot {
  readAt: number;
  /** Holds every failure at or after this instant (at the time it was read). */
  since: number;
  attempts: FailedAttempt[];
}

/** What the windows read from storage when their snapshots are stale. */
export interface WindowSource {
  /** Failures at or after `since`, at most `limit` + 1 (more means "too many"). */
  readRecent(since: number, limit: number): Promise<FailedAttempt[]>;
  /** Every failure from `ip` at or after `since`. */
  readAddress(ip: string, since: number): Promise<FailedAttempt[]>;
}

/** Per-instance snapshots of recent failures (see the file comment). */
export class AttemptWindows {
  /** Every failure in the window; `attempts` null when there were too many to keep. */
  private recent: (Omit<Snapshot, 'attempts'> & { attempts: FailedAttempt[] | null }) | null = null;
  private readonly byAddress = new Map<string, Snapshot>();

  constructor(
    private readonly source: WindowSource,
    private readonly now: () => number,
    private readonly freshMs: number = FRESH_MS,
  ) {}

  /** Failures from `ip` at or after `since`, from memory when a fresh snapshot covers them. */
  async failuresFrom(ip: string, since: number): Promise<FailedAttempt[]> {
    const fromAddress = (attempts: FailedAttempt[]): FailedAttempt[] =>
      attempts.filter((attempt) => attempt.ip === ip && attempt.at >= since);

    if (!this.isFresh(this.recent)) {
      const read = await this.source.readRecent(since, SNAPSHOT_LIMIT);
      const attempts = read.length > SNAPSHOT_LIMIT ? null : read;
      this.recent = { readAt: this.now(), since, attempts };
    }
    const recent = this.recent;
    if (recent !== null && recent.attempts !== null && recent.since <= since) {
      return fromAddress(recent.attempts);
    }
    const own = this.byAddress.get(ip);
    if (own !== undefined && this.isFresh(own) && own.since <= since) {
      return fromAddress(own.attempts);
    }
    const attempts = await this.source.readAddress(ip, since);
    this.keepAddress(ip, { readAt: this.now(), since, attempts: [...attempts] });
    return fromAddress(attempts);
  }

  /** Adds a failure this instance recorded. */
  recorded(attempt: FailedAttempt): void {
    const own = this.byAddress.get(attempt.ip);
    own?.attempts.push(attempt);
    const recent = this.recent?.attempts;
    if (recent !== null && recent !== undefined) {
      recent.push(attempt);
      if (recent.length > SNAPSHOT_LIMIT && this.recent !== null) {
        this.recent.attempts = null;
      }
    }
  }

  /** Drops the failures matching `gone` (a reset or a prune) from every snapshot. */
  removed(gone: (attempt: FailedAttempt) => boolean): void {
    const keep = (attempts: FailedAttempt[]): FailedAttempt[] =>
      attempts.filter((attempt) => !gone(attempt));
    if (this.recent !== null && this.recent.attempts !== null) {
      this.recent.attempts = keep(this.recent.attempts);
    }
    for (const snapshot of this.byAddress.values()) {
      snapshot.attempts = keep(snapshot.attempts);
    }
  }

  private isFresh(snapshot: { readAt: number } | null): boolean {
    return snapshot !== null && this.now() - snapshot.readAt < this.freshMs;
  }

  private keepAddress(ip: string, snapshot: Snapshot): void {
    this.byAddress.delete(ip);
    this.byAddress.set(ip, snapshot);
    if (this.byAddress.size > MAX_ADDRESSES) {
      const oldest = this.byAddress.keys().next();
      if (oldest.done !== true) {
        this.byAddress.delete(oldest.value);
      }
    }
  }
}
