/** TokenStore.listAll in SQLite: newest first by (created_at, id), keyset paging, filters. */
import type { TokenRecord } from '../../../core/types';
import { effectiveExpiry, isValidity } from '../../../core/validity';
import type { AdminTokenQuery, Page } from '../../../ports';
import { decodeCursor, pageRowLimit, toPage } from './cursor';
import type { SqliteDatabase } from './database';
import { createStatementCache } from './statements';
import { toTokenRecord, type TokenRow } from './token-rows';

type Params = Record<string, string | number>;

/** The SQL function that computes a token's effective expiry with the core's calendar rules. */
const EFFECTIVE_EXPIRY_FUNCTION = 'effective_expiry';

const CONDITIONS = {
  ownerId: 'owner_id = @ownerId',
  expiresBefore: 'expires_at IS NOT NULL AND expires_at < @expiresBefore',
  // The effective expiry under a lower maximum validity (NULL for a token that never expires).
  effectiveExpiresBefore: `${EFFECTIVE_EXPIRY_FUNCTION}(created_at, expires_at, @maxValidity) < @expiresBefore`,
  // Last used before the instant, or never used and created before it (index tokens_last_activity).
  unusedSince: 'COALESCE(last_used_at, created_at) < @unusedSince',
  cursor: '(created_at, id) < (@cursorAt, @cursorId)',
} as const;

function listSql(conditions: readonly string[]): string {
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT * FROM tokens ${where} ORDER BY created_at DESC, id DESC LIMIT @rowLimit`;
}

/** Registers effective_expiry(created_at, expires_at, max_validity) on `db`. */
function registerEffectiveExpiry(db: SqliteDatabase): void {
  db.function(
    EFFECTIVE_EXPIRY_FUNCTION,
    { deterministic: true },
    (createdAt: unknown, expiresAt: unknown, maxValidity: unknown): number | null => {
      if (typeof createdAt !== 'number' || !isValidity(maxValidity)) {
        return null;
      }
      const stored = typeof expiresAt === 'number' ? expiresAt : null;
      return effectiveExpiry({ createdAt, expiresAt: stored }, maxValidity);
    },
  );
}

/** The filter conditions of `query` and their parameters. */
function filtersOf(query: AdminTokenQuery, params: Params): string[] {
  const conditions: string[] = [];
  if (query.ownerId !== undefined) {
    conditions.push(CONDITIONS.ownerId);
    params.ownerId = query.ownerId;
  }
  if (query.expiresBefore !== undefined) {
    const capped = query.maxValidity !== undefined && query.maxValidity !== 'never';
    conditions.push(capped ? CONDITIONS.effectiveExpiresBefore : CONDITIONS.expiresBefore);
    params.expiresBefore = query.expiresBefore;
    if (capped) {
      params.maxValidity = query.maxValidity as string;
    }
  }
  if (query.unusedSince !== undefined) {
    conditions.push(CONDITIONS.unusedSince);
    params.unusedSince = query.unusedSince;
  }
  return conditions;
}

/** The listAll query over `db`: a page of tokens, or an empty last page for a foreign cursor. */
export function createTokenLister(
  db: SqliteDatabase,
): (query: AdminTokenQuery) => Page<TokenRecord> {
  registerEffectiveExpiry(db);
  const statement = createStatementCache(db);

  return (query: AdminTokenQuery): Page<TokenRecord> => {
    const cursor = query.cursor ? decodeCursor(query.cursor, 'string') : null;
    if ((query.cursor && cursor === null) || !(query.limit >= 1)) {
      return { items: [] };
    }
    const params: Params = { rowLimit: pageRowLimit(query.limit) };
    const conditions = filtersOf(query, params);
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
