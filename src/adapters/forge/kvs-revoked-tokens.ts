/**
 * Revoked tokens on @forge/kvs: the `revoked-token` entity, keyed like the token entity by the
 * token's hash, so a client still presenting a deleted or rotated-away token is told it expired.
 * A record is written in the same transaction that removes the token (one more operation per
 * token) and dropped by age through the `revokedAt` index.
 */
import { WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import type { TokenRecord } from '../../core/types';
import { StoreUnavailableError, type RevokedToken } from '../../ports';
import { deleteKeys, readAll, readEntity, type Transaction } from './kvs-access';
import { ENTITY, tokenKey } from './kvs-keys';

const REVOKED_ITEM = z.object({
  ownerId: z.string(),
  tokenId: z.string(),
  revokedAt: z.number(),
});

type RevokedItem = z.infer<typeof REVOKED_ITEM>;

/** Index of revoked tokens by the time they were revoked. */
export const REVOKED_BY_TIME = 'revokedAt';

/** Operations remembering one removed token takes in a transaction. */
export const OPS_PER_REVOKED_TOKEN = 1;

/** Remembers `token` as revoked at `at`, in the transaction that removes it. */
export function rememberRevoked(transaction: Transaction, token: TokenRecord, at: number): void {
  const key = tokenKey(token.hash);
  if (key === null) {
    throw new Error('a token record must carry the SHA-256 (hex) of its secret');
  }
  transaction.set<RevokedItem>(
    key,
    { ownerId: token.ownerId, tokenId: token.id, revokedAt: at },
    { entityName: ENTITY.revokedToken },
  );
}

/** One keyed read: the revoked token whose hash is `hash`, or null. Unreadable → fails closed. */
export async function findRevokedToken(hash: string): Promise<RevokedToken | null> {
  const key = tokenKey(hash);
  if (key === null) {
    return null;
  }
  const stored = await readEntity<unknown>(ENTITY.revokedToken, key);
  if (stored === undefined) {
    return null;
  }
  const item = REVOKED_ITEM.safeParse(stored);
  if (!item.success) {
    throw new StoreUnavailableError('a stored revoked token is unreadable');
  }
  return item.data;
}

/** Forgets tokens revoked before `before`; returns how many. */
export async function pruneRevokedTokens(before: number): Promise<number> {
  const stored = await readAll<RevokedItem>({
    entity: ENTITY.revokedToken,
    index: REVOKED_BY_TIME,
    range: WhereConditions.lessThan(before),
    order: 'ascending',
  });
  return deleteKeys(
    ENTITY.revokedToken,
    stored.map((item) => item.key),
  );
}
