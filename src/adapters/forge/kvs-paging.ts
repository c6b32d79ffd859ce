/**
 * Newest-first keyset paging over an index whose range is a record's list key (time, then
 * id). The store's cursor is the last list key it returned, so a page resumes exactly after
 * it whatever was added meanwhile and however the platform splits its own pages; a cursor the
 * store did not write answers an empty last page instead of reaching the platform.
 */
import { WhereConditions } from '@forge/kvs';

import type { Page } from '../../ports';
import { scanIndex, type IndexScan } from './kvs-access';
import { decodeCursor, encodeCursor } from './kvs-keys';

/** Largest page a list returns, whatever `limit` asks for (as the SQLite store). */
export const MAX_PAGE_LIMIT = 1000;

export interface KeysetQuery {
  limit: number;
  cursor?: string;
}

/** One page, newest first, of the records the scan finds (and `keep` keeps, when given). */
export async function newestFirstPage<T extends { listKey: string }, R>(
  scan: Omit<IndexScan<T>, 'order' | 'range'>,
  query: KeysetQuery,
  convert: { toRecord: (value: T) => R; keep?: (record: R) => boolean },
): Promise<Page<R>> {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (before === null || !(query.limit >= 1)) {
    return { items: [] };
  }
  const limit = Math.min(Math.trunc(query.limit), MAX_PAGE_LIMIT);

  const { toRecord, keep = (): boolean => true } = convert;
  const found: { value: T; record: R }[] = [];
  const range = before === undefined ? undefined : WhereConditions.lessThan(before);
  await scanIndex<T>({ ...scan, order: 'descending', range }, (items) => {
    for (const { value } of items) {
      const record = toRecord(value);
      if (keep(record)) {
        found.push({ value, record });
      }
    }
    return found.length > limit ? 'stop' : 'more';
  });

  const kept = found.slice(0, limit);
  const last = kept[kept.length - 1];
  const items = kept.map((item) => item.record);
  if (found.length > limit && last !== undefined) {
    return { items, nextCursor: encodeCursor(last.value.listKey) };
  }
  return { items };
}
