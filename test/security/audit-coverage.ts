/** What "no half state" means, checked against the stores: every token and change has its audit record. */
import type { AuditRecord, TokenRecord } from '../../src/core/types';
import type { Stores } from '../../src/ports';

/** A token as a change leaves it (its last use is bookkeeping, not a change). */
export type StoredToken = Omit<TokenRecord, 'lastUsedAt' | 'lastUsedIp'>;

export interface StoredState {
  tokens: StoredToken[];
  audit: AuditRecord[];
}

/** Every token and every audit record (small test stores only). */
export async function storedState(stores: Stores): Promise<StoredState> {
  const tokens: StoredToken[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = await stores.tokens.listAll({
      limit: 100,
      ...(cursor !== undefined && { cursor }),
    });
    tokens.push(...result.items.map(({ lastUsedAt: _at, lastUsedIp: _ip, ...token }) => token));
    cursor = result.nextCursor;
    if (cursor === undefined) {
      break;
    }
  }
  const audit = await stores.audit.list({ limit: 1000 });
  return { tokens, audit: audit.items };
}

/**
 * The stored tokens that no record explains, and the records of removals whose token is still
 * there: both must be empty after any interrupted change.
 */
export function unexplained(state: StoredState): { tokens: string[]; removals: string[] } {
  const born = new Set<string>();
  const gone = new Set<string>();
  for (const record of state.audit) {
    if (record.action === 'token.created' && record.tokenId !== null) {
      born.add(record.tokenId);
    }
    if (record.action === 'token.rotated' && record.newTokenId !== undefined) {
      born.add(record.newTokenId);
    }
    if (
      (record.action === 'token.rotated' || record.action === 'token.deleted') &&
      record.tokenId !== null
    ) {
      gone.add(record.tokenId);
    }
  }
  const stored = new Set(state.tokens.map((token) => token.id));
  return {
    tokens: [...stored].filter((id) => !born.has(id)),
    removals: [...gone].filter((id) => stored.has(id)),
  };
}
