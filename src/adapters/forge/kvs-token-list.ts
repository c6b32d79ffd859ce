/**
 * The KVS token store's lists, on the token entity's indexes (manifest.yml):
 * `by-owner` (partition ownerId, range listKey) and `listKey` (every token, by list key).
 * The admin filters are index filters: "expires before" on expiresAt (left out for tokens
 * that never expire), "unused since" on lastActivityAt (last use, or creation if never used).
 * "Expires before" under a lower maximum validity compares the effective expiry, a calendar
 * computation no index filter can express: those pages are filtered here, as they are read.
 */
import { FilterConditions } from '@forge/kvs';

import type { TokenRecord } from '../../core/types';
import { effectiveExpiry } from '../../core/validity';
import type { AdminTokenQuery, Page } from '../../ports';
import { andFilter, readAll, scanIndex, type FilterClause } from './kvs-access';
import { fromTokenItem, type TokenItem } from './kvs-items';
import { ENTITY } from './kvs-keys';
import { newestFirstPage } from './kvs-paging';

/** Index of one owner's tokens. */
export const BY_OWNER = 'by-owner';
/** Index of every token. */
export const BY_LIST_KEY = 'listKey';

/** Every token of one owner, oldest first. */
export async function listTokensOf(ownerId: string): Promise<TokenRecord[]> {
  const stored = await readAll<TokenItem>({
    entity: ENTITY.token,
    index: BY_OWNER,
    partition: [ownerId],
    order: 'ascending',
  });
  return stored.map((item) => fromTokenItem(item.value));
}

/** Keeps tokens whose effective expiry under the query's maximum validity is before its instant. */
function effectiveExpiryFilter(
  query: AdminTokenQuery,
): ((token: TokenRecord) => boolean) | undefined {
  const { expiresBefore, maxValidity } = query;
  if (expiresBefore === undefined || maxValidity === undefined || maxValidity === 'never') {
    return undefined;
  }
  return (token) => {
    const expiry = effectiveExpiry(token, maxValidity);
    return expiry !== null && expiry < expiresBefore;
  };
}

/** One page of every owner's tokens, newest first, filtered. */
export function listAllTokens(query: AdminTokenQuery): Promise<Page<TokenRecord>> {
  const keep = effectiveExpiryFilter(query);
  const clauses: [keyof TokenItem, FilterClause<TokenItem>][] = [];
  if (query.expiresBefore !== undefined && keep === undefined) {
    clauses.push(['expiresAt', FilterConditions.lessThan(query.expiresBefore)]);
  }
  if (query.unusedSince !== undefined) {
    clauses.push(['lastActivityAt', FilterConditions.lessThan(query.unusedSince)]);
  }
  const filter = andFilter<TokenItem>(clauses);
  const scan =
    query.ownerId === undefined
      ? { entity: ENTITY.token, index: BY_LIST_KEY, filter }
      : { entity: ENTITY.token, index: BY_OWNER, partition: [query.ownerId], filter };
  return newestFirstPage<TokenItem, TokenRecord>(scan, query, {
    toRecord: fromTokenItem,
    ...(keep !== undefined && { keep }),
  });
}

/** How many tokens are stored (reads the whole index, 20 a page). */
export async function countTokens(): Promise<number> {
  let total = 0;
  await scanIndex<TokenItem>(
    { entity: ENTITY.token, index: BY_LIST_KEY, order: 'ascending' },
    (items) => {
      total += items.length;
      return 'more';
    },
  );
  return total;
}
