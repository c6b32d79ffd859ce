/** TokenStore.listAll in SQLite: newest first by (created_at, id), keyset paging, filters. */
import type { TokenRecord } from '../../../core/types';
import type { AdminTokenQuery, Page } from '../../../ports';
import { decodeCursor, pageRowLimit, toPage } from './cursor';
import type { SqliteDatabase } from './database';
import { createStatementCache } from './statements';
import { toTokenRecord, type TokenRow } from './token-rows';

type Params = Record<string, string | number>;

const CONDITIONS = {
  ownerId: 'owner_id = @ownerId',
  expiresBefore: 'expires_at IS NOT NULL AND expires_at < @expiresBefore',
  // Last used before the instant, or never used and created before it (index tokens_last_activity).
  unusedSince: 'COALESCE(last_used_at, created_at) < @unusedSince',
  cursor: '(created_at, id) < (@cursorAt, @cursorId)',
} as const;

function listSql(conditions: readonly string[]): string {
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT * FROM tokens ${where} ORDER BY created_at DESC, id DESC LIMIT @rowLimit`;
}

/** The listAll query over `db`: a page of tokens, or an empty last page for a foreign cursor. */
export function createTokenLister(
  db: SqliteDatabase,
): (query: AdminTokenQuery) => Page<TokenRecord> {
  const statement = createStatementCache(db);

  return (query: AdminTokenQuery): Page<TokenRecord> => {
    const cursor = query.cursor ? decodeCursor(query.cursor, 'string') : null;
    if ((query.cursor && cursor === null) || !(query.limit >= 1)) {
      return { items: [] };
    }
    const params: Params = { rowLimit: pageRowLimit(query.limit) };
    const conditions: string[] = [];
    for (const field of ['ownerId', 'expiresBefore', 'unusedSince'] as const) {
      const value = query[field];
      if (value !== undefined) {
        conditions.push(CONDITIONS[field]);
        params[field] = value;
      }
    }
    if (cursor !== null) {
      conditions.push(CONDITIONS.cursor);
      [params.cursorAt, params.cursorId] = cursor;
    }
    const rows = statement(listSql(conditions)).all(params) as TokenRow[];
    return toPage(rows, query.limit, {
      item: toTokenRecord,
      key: (row) => [row.created_at, row.id],
    });
  };
}
