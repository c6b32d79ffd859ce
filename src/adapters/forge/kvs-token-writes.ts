/**
 * The transaction steps the KVS token store composes. A token lives in three records, written
 * and removed together: the token (keyed by hash), its id reference and its name lock. Every
 * step on an existing record carries a condition naming the token id, so a step planned from a
 * stale read is refused by the platform instead of overwriting or resurrecting a record.
 */
import { FilterConditions } from '@forge/kvs';

import type { AuditRecord, TokenRecord } from '../../core/types';
import { absent, holds, readEntity, type Transaction } from './kvs-access';
import { toAuditItem, toTokenItem, type TokenItem } from './kvs-items';
import { ENTITY, keyPart, tokenKey, tokenNameKey, tokenRefKey } from './kvs-keys';

/** The token-ref value: where a public id's token is stored. */
export interface TokenRefItem {
  hash: string;
  ownerId: string;
}

/** The token-name value: which token holds a name of an owner. */
export interface TokenNameItem {
  tokenId: string;
  ownerId: string;
}

/** Operations a token's records take in a transaction (token, reference, name lock). */
export const OPS_PER_TOKEN = 3;

function keyOf(token: TokenRecord): string {
  const key = tokenKey(token.hash);
  if (key === null) {
    throw new Error('a token record must carry the SHA-256 (hex) of its secret');
  }
  return key;
}

/** Adds the token and its id reference, refused if either exists already. */
export function addTokenRecords(transaction: Transaction, token: TokenRecord): void {
  transaction
    .set<TokenItem>(keyOf(token), toTokenItem(token), {
      entityName: ENTITY.token,
      conditions: absent<TokenItem>('id'),
    })
    .set<TokenRefItem>(
      tokenRefKey(token.id),
      { hash: token.hash, ownerId: token.ownerId },
      { entityName: ENTITY.tokenRef, conditions: absent<TokenRefItem>('hash') },
    );
}

/** Takes the token's name lock, refused if the owner already has a token of that name. */
export function takeName(transaction: Transaction, token: TokenRecord): void {
  transaction.set<TokenNameItem>(
    tokenNameKey(token.ownerId, token.name),
    { tokenId: token.id, ownerId: token.ownerId },
    { entityName: ENTITY.tokenName, conditions: absent<TokenNameItem>('tokenId') },
  );
}

/** Releases the name lock `token` holds. */
export function releaseName(transaction: Transaction, token: TokenRecord): void {
  transaction.delete<TokenNameItem>(tokenNameKey(token.ownerId, token.name), {
    entityName: ENTITY.tokenName,
    conditions: holds<TokenNameItem>('tokenId', token.id),
  });
}

/** Hands the name lock `from` holds over to `to` (same owner and folded name). */
export function passName(transaction: Transaction, from: TokenRecord, to: TokenRecord): void {
  transaction.set<TokenNameItem>(
    tokenNameKey(to.ownerId, to.name),
    { tokenId: to.id, ownerId: to.ownerId },
    { entityName: ENTITY.tokenName, conditions: holds<TokenNameItem>('tokenId', from.id) },
  );
}

/** Rewrites a token's record, refused unless it still holds `expected`'s id and name. */
export function rewriteToken(
  transaction: Transaction,
  expected: TokenRecord,
  next: TokenRecord,
): void {
  const unchanged = holds<TokenItem>('id', expected.id).and(
    'name',
    FilterConditions.equalTo(expected.name),
  );
  transaction.set<TokenItem>(keyOf(next), toTokenItem(next), {
    entityName: ENTITY.token,
    conditions: unchanged,
  });
}

/** Removes the token and its id reference, refused if the token changed hands. */
export function removeTokenRecords(transaction: Transaction, token: TokenRecord): void {
  transaction
    .delete<TokenItem>(keyOf(token), {
      entityName: ENTITY.token,
      conditions: holds<TokenItem>('id', token.id),
    })
    .delete<TokenRefItem>(tokenRefKey(token.id), { entityName: ENTITY.tokenRef });
}

/** Appends an audit record in the same transaction. */
export function addAudit(transaction: Transaction, audit: AuditRecord): void {
  transaction.set(auditKey(audit.id), toAuditItem(audit), { entityName: ENTITY.audit });
}

/** The audit-record entity's key for an audit record id. */
export function auditKey(id: string): string {
  return keyPart(`audit:${id}`);
}

/** The id of the token holding `name` for `ownerId`, or null. */
export async function nameHolder(ownerId: string, name: string): Promise<string | null> {
  const lock = await readEntity<TokenNameItem>(ENTITY.tokenName, tokenNameKey(ownerId, name));
  return lock?.tokenId ?? null;
}

/** True when both names of the same owner share one name lock (differ in case only). */
export function sameNameLock(a: TokenRecord, b: TokenRecord): boolean {
  return tokenNameKey(a.ownerId, a.name) === tokenNameKey(b.ownerId, b.name);
}
