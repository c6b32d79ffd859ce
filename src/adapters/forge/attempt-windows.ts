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
 * - a snapshot answers for FRESH_MS after it was read or confirmed. Then the failure marker
 *   (failure-marker.ts) is read, which goes out with the request's other reads: if no failure
 *   was recorded or reset anywhere since the snapshot's query, the snapshot is confirmed
 *   without a query; otherwise it is queried again;
 * - failures this instance records, resets and prunes are applied to its snapshots at once
 *   (and a failure recorded while a refresh was reading is added to its answer), so its own
 *   counts never lag; failures recorded by OTHER instances are seen within FRESH_MS.
 *
 * The cost of that lag: an attacker spreading attempts over several instances gets at most a
 * few seconds' worth of extra attempts before the lock applies everywhere.
 */
import type { FailedAttempt } from '../../core/types';
import { sameMark, type ChangeMark, type MarkReading } from './failure-marker';

/** How long a snapshot answers before it is read again or confirmed. */
export const FRESH_MS = 5_000;
/**
 * A query made less than this long after the change the marker announces may have missed it
 * (the marker is written first, and query indexes can lag a write): it is not trusted until a
 * later query. Also absorbs small clock differences between instances.
 */
export const SETTLE_MS = 5_000;
/** Largest window snapshot kept for all addresses at once. */
export const SNAPSHOT_LIMIT = 200;
/** Most addresses kept apart when the window snapshot is too large. */
const MAX_ADDRESSES = 1000;

interface Snapshot {
  /** When it was read, or last confirmed unchanged. */
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
  /** The failure marker, as read after `after` and less than `maxAgeMs` ago. */
  readMarker(after: number, maxAgeMs: number): Promise<MarkReading>;
}

/** The window-wide snapshot; `attempts` null when there were too many to keep. */
interface RecentSnapshot {
  readAt: number;
  since: number;
  attempts: FailedAttempt[] | null;
  /** The marker read just before the query (or the confirmation) that made it. */
  mark: ChangeMark | null;
  /** When its failures were last queried (or found to be none without a query). */
  queriedAt: number;
}

/** Per-instance snapshots of recent failures (see the file comment). */
export class AttemptWindows {
  private recent: RecentSnapshot | null = null;
  private inFlight: Promise<void> | null = null;
  /** Failures this instance recorded while a refresh was reading: its answer may lack them. */
  private duringRefresh: FailedAttempt[] | null = null;
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
      await this.refreshing(since);
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
    this.duringRefresh?.push(attempt);
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

  /** Starts bringing the window snapshot up to date when it is due; settles, never rejects. */
  refresh(since: number): Promise<void> {
    return this.isFresh(this.recent)
      ? Promise.resolve()
      : this.refreshing(since).catch(() => undefined);
  }

  /** The refresh under way, or a new one: requests arriving together share one. */
  private refreshing(since: number): Promise<void> {
    if (this.inFlight === null) {
      this.duringRefresh = [];
      this.inFlight = this.refreshRecent(since).finally(() => {
        this.inFlight = null;
        this.duringRefresh = null;
      });
    }
    return this.inFlight;
  }

  /** Confirms the window snapshot by the marker, or queries it again. */
  private async refreshRecent(since: number): Promise<void> {
    const previous = this.recent;
    const reading = await this.source.readMarker(
      previous?.readAt ?? Number.NEGATIVE_INFINITY,
      this.freshMs,
    );
    if (
      previous !== null &&
      this.recent === previous &&
      this.stillHolds(previous, reading, since)
    ) {
      previous.readAt = Math.max(previous.readAt, reading.readAt);
      return;
    }
    if (previous === null && windowIsEmpty(reading.mark, since)) {
      this.recent = {
        readAt: reading.readAt,
        since,
        attempts: this.withOwn([]),
        mark: reading.mark,
        queriedAt: reading.readAt,
      };
      return;
    }
    const queriedAt = this.now();
    const read = await this.source.readRecent(since, SNAPSHOT_LIMIT);
    const attempts = read.length > SNAPSHOT_LIMIT ? null : this.withOwn(read);
    this.recent = { readAt: queriedAt, since, attempts, mark: reading.mark, queriedAt };
  }

  /** `read`, plus the failures this instance recorded meanwhile that it does not hold. */
  private withOwn(read: FailedAttempt[]): FailedAttempt[] | null {
    const missing = (this.duringRefresh ?? []).filter(
      (own) =>
        !read.some((a) => a.at === own.at && a.ip === own.ip && a.accountId === own.accountId),
    );
    const attempts = [...read, ...missing];
    return attempts.length > SNAPSHOT_LIMIT ? null : attempts;
  }

  /** Whether no failure was recorded or reset anywhere since `snapshot`'s query saw them all. */
  private stillHolds(snapshot: RecentSnapshot, reading: MarkReading, since: number): boolean {
    return (
      snapshot.attempts !== null &&
      snapshot.since <= since &&
      sameMark(snapshot.mark, reading.mark) &&
      (reading.mark === null || reading.mark.at < snapshot.queriedAt - SETTLE_MS)
    );
  }

  /** Read less than freshMs ago; a clock that stepped back before the read makes it stale. */
  private isFresh(snapshot: { readAt: number } | null): boolean {
    const age = snapshot === null ? Number.NaN : this.now() - snapshot.readAt;
    return age >= 0 && age < this.freshMs;
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

/** True when the last change the marker announces is older than the window (or never was). */
function windowIsEmpty(mark: ChangeMark | null, since: number): boolean {
  return mark === null || mark.at < since - SETTLE_MS;
}
