/**
 * The TokenStore in SQLite: each change and its audit record in one transaction; a removed
 * token is remembered as revoked in that same transaction. Lookups by hash are served from an
 * exact write-through cache (token-cache.ts) that every change here updates or empties.
 */
import type { AuditRecord, TokenRecord } from '../../../core/types';
import {
  StoreUnavailableError,
  type AdminTokenQuery,
  type Page,
  type TokenStore,
} from '../../../ports';
import type { AuditWriter } from './audit-log';
import type { SqliteDatabase } from './database';
import { guarded } from './errors';
import { createTokenCache } from './token-cache';
import { prepareRevokedTokens, type RevokedTokenStatements } from './revoked-tokens';
import { createTokenLister } from './token-list';
import { toTokenRecord, toTokenRow, tokenNameKey, type TokenRow } from './token-rows';

function prepareStatements(db: SqliteDatabase) {
  return {
    insert: db.prepare(`
      INSERT INTO tokens (id, hash, hint, owner_id, name, name_key, scope, created_at,
                          created_by, expires_at, last_used_at, last_used_ip)
      VALUES (@id, @hash, @hint, @owner_id, @name, @name_key, @scope, @created_at,
              @created_by, @expires_at, @last_used_at, @last_used_ip)`),
    byHash: db.prepare('SELECT * FROM tokens WHERE hash = ?'),
    byId: db.prepare('SELECT * FROM tokens WHERE id = ?'),
    byOwner: db.prepare('SELECT * FROM tokens WHERE owner_id = ? ORDER BY created_at, id'),
    rename: db.prepare('UPDATE tokens SET name = @name, name_key = @nameKey WHERE id = @id'),
    remove: db.prepare('DELETE FROM tokens WHERE id = ?'),
    removeByOwner: db.prepare('DELETE FROM tokens WHERE owner_id = ?'),
    touch: db.prepare('UPDATE tokens SET last_used_at = ?, last_used_ip = ? WHERE id = ?'),
    count: db.prepare('SELECT COUNT(*) AS n FROM tokens').pluck(),
  };
}

function prepareTransactions(
  db: SqliteDatabase,
  writeAudit: AuditWriter,
  revoked: RevokedTokenStatements,
) {
  const sql = prepareStatements(db);
  return {
    sql,
    create: db.transaction((token: TokenRecord, audit: AuditRecord): void => {
      sql.insert.run(toTokenRow(token));
      writeAudit(audit);
    }),
    rename: db.transaction((id: string, name: string, audit: AuditRecord): boolean => {
      const renamed = sql.rename.run({ id, name, nameKey: tokenNameKey(name) }).changes > 0;
      if (renamed) {
        writeAudit(audit);
      }
      return renamed;
    }),
    remove: db.transaction((id: string, audit: AuditRecord): boolean => {
      revoked.rememberById(id, audit.at);
      const removed = sql.remove.run(id).changes > 0;
      if (removed) {
        writeAudit(audit);
      }
      return removed;
    }),
    removeByOwner: db.transaction((ownerId: string, audit: AuditRecord): number => {
      revoked.rememberByOwner(ownerId, audit.at);
      const removed = sql.removeByOwner.run(ownerId).changes;
      writeAudit(audit);
      return removed;
    }),
    replace: db.transaction((oldId: string, next: TokenRecord, audit: AuditRecord): boolean => {
      revoked.rememberById(oldId, audit.at);
      if (sql.remove.run(oldId).changes === 0) {
        return false;
      }
      sql.insert.run(toTokenRow(next));
      writeAudit(audit);
      return true;
    }),
  };
}

function found(row: unknown): TokenRecord | null {
  return row === undefined ? null : toTokenRecord(row as TokenRow);
}

/** Runs one change of the tokens table, then forgets every cached token, failed or not. */
function changing<T>(forget: () => void, change: () => T): T {
  try {
    return guarded(change);
  } finally {
    forget();
  }
}

/** The TokenStore over `db`; statements prepared once, audit records written through `writeAudit`. */
export function createTokenStore(db: SqliteDatabase, writeAudit: AuditWriter): TokenStore {
  const revoked = prepareRevokedTokens(db);
  const tx = prepareTransactions(db, writeAudit, revoked);
  const { sql } = tx;
  const listAll = createTokenLister(db);
  const cache = createTokenCache();
  const forget = cache.forgetAll;
  const readByHash = (hash: string): TokenRecord | null => {
    // A closed database fails closed even when the token is cached.
    if (!db.open) {
      throw new StoreUnavailableError('the SQLite store is closed');
    }
    return found(cache.byHash(hash, () => sql.byHash.get(hash) as TokenRow | undefined));
  };

  return {
    create: async (token, audit) => changing(forget, () => tx.create(token, audit)),
    findByHash: async (hash) => guarded(() => readByHash(hash)),
    findById: async (id) => guarded(() => found(sql.byId.get(id))),
    listByOwner: async (ownerId) =>
      guarded(() => (sql.byOwner.all(ownerId) as TokenRow[]).map(toTokenRecord)),
    listAll: async (query: AdminTokenQuery): Promise<Page<TokenRecord>> =>
      guarded(() => listAll(query)),
    rename: async (id, name, audit) => changing(forget, () => tx.rename(id, name, audit)),
    delete: async (id, audit) => changing(forget, () => tx.remove(id, audit)),
    deleteByOwner: async (ownerId, audit) =>
      changing(forget, () => tx.removeByOwner(ownerId, audit)),
    replace: async (oldId, next, audit) => changing(forget, () => tx.replace(oldId, next, audit)),
    touch: async (id, at, ip) => {
      guarded(() => sql.touch.run(at, ip, id));
      cache.touched(id, at, ip);
    },
    count: async () => guarded(() => sql.count.get() as number),
    findRevoked: async (hash) => guarded(() => revoked.find(hash)),
    pruneRevoked: async (before) => guarded(() => revoked.prune(before)),
  };
}
