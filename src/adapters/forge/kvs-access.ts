/**
 * The few ways the @forge/kvs stores touch storage: keyed reads, index scans page by page
 * (Forge returns at most 20 records a page), and transactions. Every platform failure becomes
 * a StoreUnavailableError so callers fail closed; its message names the platform's error code
 * only, never a key or a value (keys can be token hashes).
 */
import {
  Filter,
  FilterConditions,
  ForgeKvsAPIError,
  Sort,
  kvs,
  type AndFilter,
  type BeginsWithClause,
  type GreaterThanEqualToClause,
  type LessThanClause,
  type StringOrNumber,
  type BetweenClause,
} from '@forge/kvs';

import { NameTakenError, StoreUnavailableError } from '../../ports';

/** Forge's largest query page. */
export const KVS_PAGE_SIZE = 20;
/** Forge's largest batch. */
export const KVS_BATCH_SIZE = 25;
/** Forge's largest transaction. */
export const KVS_TRANSACTION_OPS = 25;
/** Scans stop (and fail closed) past this many pages: 100,000 records. */
const MAX_SCAN_PAGES = 5000;

export type RangeClause =
  LessThanClause | GreaterThanEqualToClause | BeginsWithClause | BetweenClause<StringOrNumber>;

export type Transaction = ReturnType<typeof kvs.transact>;

/** One index query, read page after page. */
export interface IndexScan<T> {
  entity: string;
  index: string;
  partition?: unknown[];
  range?: RangeClause;
  filter?: AndFilter<T>;
  order: 'ascending' | 'descending';
}

export interface Stored<T> {
  key: string;
  value: T;
}

function describeFailure(error: unknown): string {
  if (error instanceof ForgeKvsAPIError) {
    return `${error.code} (${error.responseDetails.status})`;
  }
  return error instanceof Error ? error.name : 'unknown error';
}

/** The error a failed storage call becomes; domain errors pass through unchanged. */
export function asStoreError(what: string, error: unknown): Error {
  if (error instanceof StoreUnavailableError || error instanceof NameTakenError) {
    return error;
  }
  return new StoreUnavailableError(`${what} failed: ${describeFailure(error)}`);
}

/** Runs a storage call; any platform failure becomes StoreUnavailableError. */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asStoreError(what, error);
  }
}

/** One keyed read of an entity value, or undefined. */
export function readEntity<T>(entity: string, key: string): Promise<T | undefined> {
  return guarded(`read of ${entity}`, () => kvs.entity<T>(entity).get(key));
}

export type FilterClause<T> = Parameters<AndFilter<T>['and']>[1];

/** An AND filter of the clauses given, or undefined when there are none. */
export function andFilter<T>(clauses: [keyof T, FilterClause<T>][]): AndFilter<T> | undefined {
  const [first, ...rest] = clauses;
  if (first === undefined) {
    return undefined;
  }
  const filter = new Filter<T>().and(first[0], first[1]);
  for (const [field, clause] of rest) {
    filter.and(field, clause);
  }
  return filter;
}

async function readPage<T>(
  scan: IndexScan<T>,
  cursor: string | undefined,
): Promise<{ items: Stored<T>[]; cursor?: string }> {
  const options = scan.partition === undefined ? undefined : { partition: scan.partition };
  let query = kvs
    .entity<T>(scan.entity)
    .query()
    .index(scan.index, options)
    .sort(scan.order === 'descending' ? Sort.DESC : Sort.ASC)
    .limit(KVS_PAGE_SIZE);
  if (scan.range !== undefined) {
    query = query.where(scan.range);
  }
  if (scan.filter !== undefined) {
    query = query.filters(scan.filter);
  }
  if (cursor !== undefined) {
    query = query.cursor(cursor);
  }
  const page = await query.getMany();
  return { items: page.results.map(({ key, value }) => ({ key, value })), cursor: page.nextCursor };
}

/**
 * Reads the scan page by page, handing each page to `visit` until it answers 'stop' or the
 * pages run out. A filtered page may be short or empty and still have a successor.
 */
export async function scanIndex<T>(
  scan: IndexScan<T>,
  visit: (items: Stored<T>[]) => 'more' | 'stop',
): Promise<void> {
  await guarded(`scan of ${scan.entity}/${scan.index}`, async () => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_SCAN_PAGES; page += 1) {
      const next = await readPage(scan, cursor);
      if (visit(next.items) === 'stop' || next.cursor === undefined) {
        return;
      }
      cursor = next.cursor;
    }
    throw new StoreUnavailableError(
      `scan of ${scan.entity}/${scan.index} exceeded ${MAX_SCAN_PAGES} pages`,
    );
  });
}

/** Every record of the scan, in index order. */
export async function readAll<T>(scan: IndexScan<T>): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  await scanIndex(scan, (items) => {
    all.push(...items);
    return 'more';
  });
  return all;
}

/**
 * Commits a transaction. 'rejected' means the platform refused it as a request (a condition
 * did not hold, or the request was invalid): the caller re-reads to learn which, and fails
 * closed when it cannot tell. Unavailability (5xx, 429, network) throws.
 */
export async function commit(
  what: string,
  transaction: Transaction,
): Promise<'committed' | 'rejected'> {
  try {
    await transaction.execute();
    return 'committed';
  } catch (error) {
    const status = error instanceof ForgeKvsAPIError ? error.responseDetails.status : 0;
    if (status >= 400 && status < 500 && status !== 429) {
      return 'rejected';
    }
    throw asStoreError(what, error);
  }
}

/** Deletes the records of `entity` under `keys`, 25 a batch; returns how many. */
export async function deleteKeys(entity: string, keys: string[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < keys.length; start += KVS_BATCH_SIZE) {
    const batch = keys.slice(start, start + KVS_BATCH_SIZE);
    const result = await guarded(`${entity} delete`, () =>
      kvs.batchDelete(batch.map((key) => ({ key, entityName: entity }))),
    );
    if (result.failedKeys.length > 0) {
      throw new StoreUnavailableError(
        `${entity} delete failed for ${result.failedKeys.length} records`,
      );
    }
    deleted += result.successfulKeys.length;
  }
  return deleted;
}

/** A transaction condition (all its clauses must hold). */
export type Condition<T> = ReturnType<Filter<T>['and']>;

/** A condition that holds only when the record does not exist yet. */
export function absent<T>(field: keyof T): Condition<T> {
  return new Filter<T>().and(field, FilterConditions.notExists());
}

/** A condition that holds only when `field` of the stored record equals `value`. */
export function holds<T>(field: keyof T, value: string | number | boolean): Condition<T> {
  return new Filter<T>().and(field, FilterConditions.equalTo(value));
}
