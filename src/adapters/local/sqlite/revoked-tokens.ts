/** Revoked tokens in SQLite: remembered by hash when deleted or rotated away, pruned by age. */
import type { RevokedToken } from '../../../ports';
import type { SqliteDatabase } from './database';

interface RevokedRow {
  owner_id: string;
  token_id: string;
  revoked_at: number;
}

/** Statements on the revoked_tokens table, prepared once. */
export interface RevokedTokenStatements {
  /** Remembers the token with this id as revoked at `at` (before it is deleted). */
  rememberById(id: string, at: number): void;
  /** Remembers every token of this owner as revoked at `at` (before they are deleted). */
  rememberByOwner(ownerId: string, at: number): void;
  find(hash: string): RevokedToken | null;
  /** Forgets tokens revoked before `before`; returns how many. */
  prune(before: number): number;
}

const REMEMBER = `
  INSERT OR REPLACE INTO revoked_tokens (hash, owner_id, token_id, revoked_at)
  SELECT hash, owner_id, id, @at FROM tokens`;

/** The revoked-token statements over `db`; callers run the remember steps inside their transaction. */
export function prepareRevokedTokens(db: SqliteDatabase): RevokedTokenStatements {
  const byId = db.prepare(`${REMEMBER} WHERE id = @id`);
  const byOwner = db.prepare(`${REMEMBER} WHERE owner_id = @ownerId`);
  const find = db.prepare(
    'SELECT owner_id, token_id, revoked_at FROM revoked_tokens WHERE hash = ?',
  );
  const prune = db.prepare('DELETE FROM revoked_tokens WHERE revoked_at < ?');

  return {
    rememberById: (id, at) => void byId.run({ id, at }),
    rememberByOwner: (ownerId, at) => void byOwner.run({ ownerId, at }),
    find(hash: string): RevokedToken | null {
      const row = find.get(hash) as RevokedRow | undefined;
      if (row === undefined) {
        return null;
      }
      return { ownerId: row.owner_id, tokenId: row.token_id, revokedAt: row.revoked_at };
    },
    prune: (before) => prune.run(before).changes,
  };
}
