/** Keyset cursors: the last listed sort key, as opaque base64url JSON. */

/** A sort key of the newest-first lists: a time, then a tie-breaker (id or sequence). */
export type SortKey = readonly [number, string | number];

const MAX_CURSOR_LENGTH = 512;

/** The cursor that resumes a list after `key`. */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key in `cursor`, or null when it is not a cursor this store wrote. */
export function decodeCursor(cursor: string, tieBreaker: 'string' | 'number'): SortKey | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) {
    return null;
  }
  const [at, tie] = parsed as unknown[];
  if (!Number.isSafeInteger(at) || typeof tie !== tieBreaker) {
    return null;
  }
  return [at as number, tie as string | number];
}

/** Largest page a list returns, whatever `limit` asks for. */
export const MAX_PAGE_LIMIT = 1000;

/** The number of rows to ask for: the page size plus one, to learn whether a next page exists. */
export function pageRowLimit(limit: number): number {
  return Math.min(Math.trunc(limit), MAX_PAGE_LIMIT) + 1;
}

/** A page of at most `limit` items from `rows`; the cursor points past the last one kept. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: { item(row: Row): Item; key(row: Row): SortKey },
): { items: Item[]; nextCursor?: string } {
  const kept = rows.slice(0, Math.min(Math.trunc(limit), MAX_PAGE_LIMIT));
  const last = kept[kept.length - 1];
  const items = kept.map((row) => map.item(row));
  if (rows.length > kept.length && last !== undefined) {
    return { items, nextCursor: encodeCursor(map.key(last)) };
  }
  return { items };
}
