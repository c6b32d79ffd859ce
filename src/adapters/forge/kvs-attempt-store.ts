/**
 * AttemptStore on @forge/kvs: the `failed-attempt` entity, one record per failure under a
 * random key, with indexes by time (`at`), by address (`by-ip`) and by account (`by-user`).
 * The two counts the gateway asks on every request are answered by AttemptWindows from
 * per-instance snapshots (see attempt-windows.ts), kept current through the failure marker
 * (failure-marker.ts) that every record and reset moves first (a reset again when done); the
 * admin's lists read storage directly.
 */
import { randomBytes } from 'node:crypto';

import { WhereConditions, kvs } from '@forge/kvs';

import type { FailedAttempt } from '../../core/types';
import type { AttemptStore, AttemptWindow } from '../../ports';
import { deleteKeys, guarded, readAll, scanIndex } from './kvs-access';
import { fromAttemptItem, toAttemptItem, type AttemptItem } from './kvs-items';
import { ENTITY } from './kvs-keys';
import { AttemptWindows, FRESH_MS } from './attempt-windows';
import { FailureMarker } from './failure-marker';
import { KvsReadBatcher } from './kvs-read-batch';

/** Indexes of the failed-attempt entity. */
export const ATTEMPT_INDEX = Object.freeze({ byTime: 'at', byIp: 'by-ip', byUser: 'by-user' });

export interface KvsAttemptStoreOptions {
  now?: () => number;
  /** How long the per-instance snapshots answer (default FRESH_MS). */
  freshMs?: number;
  /** The failure marker, shared with the stores whose reads it goes out with. */
  marker?: FailureMarker;
}

function windowOf(attempts: FailedAttempt[]): AttemptWindow {
  if (attempts.length === 0) {
    return { count: 0, oldestAt: null };
  }
  return { count: attempts.length, oldestAt: Math.min(...attempts.map((a) => a.at)) };
}

async function readNewest(since: number, limit: number): Promise<FailedAttempt[]> {
  const found: FailedAttempt[] = [];
  await scanIndex<AttemptItem>(
    {
      entity: ENTITY.attempt,
      index: ATTEMPT_INDEX.byTime,
      range: WhereConditions.greaterThanEqualTo(since),
      order: 'descending',
    },
    (items) => {
      found.push(...items.map((item) => fromAttemptItem(item.value)));
      return found.length >= limit ? 'stop' : 'more';
    },
  );
  return found;
}

async function readPartition(
  index: string,
  value: string,
  since: number,
): Promise<FailedAttempt[]> {
  const stored = await readAll<AttemptItem>({
    entity: ENTITY.attempt,
    index,
    partition: [value],
    range: WhereConditions.greaterThanEqualTo(since),
    order: 'descending',
  });
  return stored.map((item) => fromAttemptItem(item.value));
}

/** The failed-attempt store on @forge/kvs. */
export class KvsAttemptStore implements AttemptStore {
  private readonly windows: AttemptWindows;
  private readonly marker: FailureMarker;
  private readonly now: () => number;

  constructor(options: KvsAttemptStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    const marker = options.marker ?? new FailureMarker(new KvsReadBatcher(this.now), this.now);
    const source = {
      readRecent: (since: number, limit: number) => readNewest(since, limit + 1),
      readAddress: (ip: string, since: number) => readPartition(ATTEMPT_INDEX.byIp, ip, since),
      readMarker: (after: number, maxAgeMs: number) => marker.reading(after, maxAgeMs),
    };
    this.marker = marker;
    this.windows = new AttemptWindows(source, this.now, options.freshMs ?? FRESH_MS);
  }

  async record(attempt: FailedAttempt): Promise<void> {
    await this.marker.announce(Math.max(attempt.at, this.now()));
    const key = randomBytes(16).toString('hex');
    await guarded('failed-attempt record', () =>
      kvs.entity<AttemptItem>(ENTITY.attempt).set(key, toAttemptItem(attempt)),
    );
    this.windows.recorded(attempt);
  }

  refresh(since: number): Promise<void> {
    return this.windows.refresh(since);
  }

  async countByIp(ip: string, since: number): Promise<AttemptWindow> {
    return windowOf(await this.windows.failuresFrom(ip, since));
  }

  async countByUserAtIp(accountId: string, ip: string, since: number): Promise<AttemptWindow> {
    const attempts = await this.windows.failuresFrom(ip, since);
    return windowOf(attempts.filter((attempt) => attempt.accountId === accountId));
  }

  async listByUser(
    accountId: string,
    since: number,
  ): Promise<{ ip: string; count: number; lastAt: number }[]> {
    const groups = new Map<string, { ip: string; count: number; lastAt: number }>();
    for (const attempt of await readPartition(ATTEMPT_INDEX.byUser, accountId, since)) {
      const group = groups.get(attempt.ip) ?? { ip: attempt.ip, count: 0, lastAt: attempt.at };
      group.count += 1;
      group.lastAt = Math.max(group.lastAt, attempt.at);
      groups.set(attempt.ip, group);
    }
    return [...groups.values()];
  }

  async resetUser(accountId: string): Promise<number> {
    await this.marker.announce(this.now());
    const stored = await readAll<AttemptItem>({
      entity: ENTITY.attempt,
      index: ATTEMPT_INDEX.byUser,
      partition: [accountId],
      order: 'ascending',
    });
    const removed = await deleteKeys(
      ENTITY.attempt,
      stored.map((item) => item.key),
    );
    this.windows.removed((attempt) => attempt.accountId === accountId);
    // Again once the deletions are done: they can end long after the first announcement (a
    // day's failures take many calls), and a query another instance made in between would
    // otherwise be trusted with failures that are gone.
    await this.marker.announce(this.now());
    return removed;
  }

  async listSince(since: number, limit: number): Promise<FailedAttempt[]> {
    if (!(limit >= 1)) {
      return [];
    }
    return (await readNewest(since, limit)).slice(0, limit);
  }

  async prune(before: number): Promise<number> {
    const stored = await readAll<AttemptItem>({
      entity: ENTITY.attempt,
      index: ATTEMPT_INDEX.byTime,
      range: WhereConditions.lessThan(before),
      order: 'ascending',
    });
    const removed = await deleteKeys(
      ENTITY.attempt,
      stored.map((item) => item.key),
    );
    this.windows.removed((attempt) => attempt.at < before);
    return removed;
  }
}
