/**
 * Queries of the fake KVS: key-prefix queries of the plain store and index queries of custom
 * entities. Like the platform, a page holds at most 20 records; the page limit applies to the
 * records read from the index BEFORE filters, so a filtered page may hold fewer records (even
 * none) and still carry a cursor. Cursors are opaque and survive records changing in between.
 */
import {
  compareValues,
  matchesClause,
  matchesGroup,
  type Clause,
  type FilterClause,
} from './kvs-conditions';
import { KvsFakeError, checkPageLimit } from './kvs-rules';
import type { EntitySchema, IndexSchema } from './kvs-schema';

export interface StoredItem {
  value: unknown;
  createdAt: number;
  updatedAt: number;
}

export interface EntityQuery {
  entityName: string;
  indexName: string;
  partition?: unknown[];
  range?: Clause;
  filters?: { and?: FilterClause[]; or?: FilterClause[] };
  sort?: 'ASC' | 'DESC';
  cursor?: string;
  limit?: number;
}

export interface QueryPage {
  data: { key: string; value: unknown }[];
  cursor?: string;
}

interface Position {
  key: string;
  range: unknown;
}

interface IndexEntry extends Position {
  value: unknown;
}

function encodeCursor(scope: string, position: Position): string {
  return Buffer.from(JSON.stringify({ scope, ...position })).toString('base64url');
}

function decodeCursor(scope: string, cursor: string): Position {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position & {
      scope?: string;
    };
    if (parsed.scope === scope && typeof parsed.key === 'string') {
      return { key: parsed.key, range: parsed.range };
    }
  } catch {
    // falls through to the error below
  }
  throw new KvsFakeError(400, 'INVALID_CURSOR', 'The cursor is not valid for this query.');
}

function compareEntries(a: Position, b: Position): number {
  const byRange = compareValues(a.range, b.range) ?? 0;
  if (byRange !== 0) {
    return byRange;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Reads one page of `entries` (already in order) after the cursor position. */
function page(
  entries: IndexEntry[],
  scope: string,
  request: EntityQuery,
  keep: (e: IndexEntry) => boolean,
): QueryPage {
  const limit = checkPageLimit(request.limit);
  const descending = request.sort === 'DESC';
  const order = (a: Position, b: Position): number =>
    descending ? compareEntries(b, a) : compareEntries(a, b);
  let start = 0;
  if (request.cursor !== undefined) {
    const after = decodeCursor(scope, request.cursor);
    start = entries.findIndex((entry) => order(entry, after) > 0);
    start = start === -1 ? entries.length : start;
  }
  const scanned = entries.slice(start, start + limit);
  const last = scanned[scanned.length - 1];
  const more = start + limit < entries.length && last !== undefined;
  return {
    data: scanned.filter(keep).map(({ key, value }) => ({ key, value })),
    ...(more ? { cursor: encodeCursor(scope, { key: last.key, range: last.range }) } : {}),
  };
}

function indexOf(schema: EntitySchema, name: string): IndexSchema {
  const index = schema.indexes.get(name);
  if (index === undefined) {
    throw new KvsFakeError(400, 'INVALID_ENTITY_INDEX', `${schema.name} has no index ${name}.`);
  }
  return index;
}

function checkPartition(index: IndexSchema, partition: unknown[] | undefined): unknown[] {
  const given = partition ?? [];
  if (given.length !== index.partition.length) {
    throw new KvsFakeError(
      400,
      'INVALID_PARTITION',
      `Index ${index.name} takes ${index.partition.length} partition value(s), got ${given.length}.`,
    );
  }
  return given;
}

/** One page of an index query over the records of one entity. */
export function queryEntity(
  schema: EntitySchema,
  records: Map<string, StoredItem>,
  request: EntityQuery,
): QueryPage {
  const index = indexOf(schema, request.indexName);
  const partition = checkPartition(index, request.partition);
  const entries: IndexEntry[] = [];
  for (const [key, item] of records) {
    const value = item.value as Record<string, unknown>;
    const inPartition = index.partition.every((name, i) => value[name] === partition[i]);
    const range = value[index.range];
    if (
      inPartition &&
      range !== undefined &&
      (!request.range || matchesClause(request.range, range))
    ) {
      entries.push({ key, range, value });
    }
  }
  const descending = request.sort === 'DESC';
  entries.sort((a, b) => (descending ? compareEntries(b, a) : compareEntries(a, b)));
  const scope = `${schema.name}/${index.name}/${JSON.stringify(partition)}`;
  const filters = request.filters;
  const keep = (entry: IndexEntry): boolean =>
    filters === undefined || matchesGroup(filters, entry.value as Record<string, unknown>);
  return page(entries, scope, request, keep);
}

/** One page of a key-prefix query over the plain key-value store, in key order. */
export function queryKeys(
  records: Map<string, StoredItem>,
  request: { limit?: number; after?: string; where?: { values: unknown[] }[] },
): QueryPage {
  const prefix = request.where?.[0]?.values[0];
  const entries = [...records]
    .filter(([key]) => typeof prefix !== 'string' || key.startsWith(prefix))
    .map(([key, item]) => ({ key, range: key, value: item.value }))
    .sort(compareEntries);
  const query: EntityQuery = {
    entityName: '',
    indexName: 'key',
    limit: request.limit,
    ...(request.after !== undefined ? { cursor: request.after } : {}),
  };
  return page(entries, `keys/${String(prefix)}`, query, () => true);
}
