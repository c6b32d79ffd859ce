/**
 * Exact write-through copies of tokens found by hash, so a gateway request with a valid token
 * reads no SQL. Safe because the local server is the only writer of its SQLite file and every
 * write to the tokens table goes through the token store, which tells this cache: a touch
 * updates the copy, every other change (create, rename, delete, delete by owner, replace)
 * forgets every copy, whether it succeeded or not. Only found tokens are kept, at most
 * MAX_CACHED_TOKENS, the longest-kept forgotten first.
 */
import type { TokenRow } from './token-rows';

/** Most tokens kept; a forgotten one is read again from SQLite. */
export const MAX_CACHED_TOKENS = 10_000;

export interface TokenCache {
  /** The stored row for `hash`, read through `read` unless a copy is kept. */
  byHash(hash: string, read: () => TokenRow | undefined): TokenRow | undefined;
  /** A touch of token `id` was written. */
  touched(id: string, at: number, ip: string | null): void;
  /** Any other change to the tokens table is about to happen or happened. */
  forgetAll(): void;
}

/** An empty cache keeping at most `maxTokens` rows. */
export function createTokenCache(maxTokens: number = MAX_CACHED_TOKENS): TokenCache {
  const rows = new Map<string, TokenRow>();
  const hashById = new Map<string, string>();

  function keep(row: TokenRow): void {
    rows.set(row.hash, row);
    hashById.set(row.id, row.hash);
    if (rows.size > maxTokens) {
      const oldest = rows.values().next();
      if (oldest.done !== true) {
        rows.delete(oldest.value.hash);
        hashById.delete(oldest.value.id);
      }
    }
  }

  return {
    byHash: (hash, read) => {
      const kept = rows.get(hash);
      if (kept !== undefined) {
        return kept;
      }
      const row = read();
      if (row !== undefined) {
        keep(row);
      }
      return row;
    },
    touched: (id, at, ip) => {
      const hash = hashById.get(id);
      const row = hash === undefined ? undefined : rows.get(hash);
      if (row !== undefined) {
        rows.set(row.hash, { ...row, last_used_at: at, last_used_ip: ip });
      }
    },
    forgetAll: () => {
      rows.clear();
      hashById.clear();
    },
  };
}
