/** The administrators' view of every token: filtered, paged, each with its owner. */
import type { AdminTokenRow } from '../app/contract';
import { toPublicToken } from '../core/token-view';
import type { AdminTokenQuery } from '../ports';
import type { ServiceDeps } from './deps';
import { refuse, succeed, type ServiceResult } from './result';
import { createUserLookup, toUserSummary, unknownUserSummary } from './users';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rows per page unless the caller asks for fewer or more (up to ADMIN_TOKENS_MAX_LIMIT). */
export const ADMIN_TOKENS_DEFAULT_LIMIT = 50;
export const ADMIN_TOKENS_MAX_LIMIT = 200;

export interface TokenOverviewQuery {
  user?: string;
  expiringWithinDays?: number;
  unusedForDays?: number;
  limit?: number;
  cursor?: string;
}

export interface TokenOverviewPage {
  tokens: AdminTokenRow[];
  nextCursor?: string;
}

/** One page of all tokens, newest first, with owners; unknown `user` → NOT_FOUND. */
export async function listAllTokens(
  deps: ServiceDeps,
  query: TokenOverviewQuery,
): Promise<ServiceResult<TokenOverviewPage>> {
  const now = deps.clock.now();
  const { settings } = await deps.settings.current();
  const storeQuery: AdminTokenQuery = {
    limit: Math.min(query.limit ?? ADMIN_TOKENS_DEFAULT_LIMIT, ADMIN_TOKENS_MAX_LIMIT),
    ...(query.cursor !== undefined && { cursor: query.cursor }),
    // By the effective expiry the list shows: a lower maximum validity shortens tokens.
    ...(query.expiringWithinDays !== undefined && {
      expiresBefore: now + query.expiringWithinDays * DAY_MS,
      maxValidity: settings.maxValidity,
    }),
    ...(query.unusedForDays !== undefined && { unusedSince: now - query.unusedForDays * DAY_MS }),
  };
  if (query.user !== undefined) {
    const owner = await deps.directory.findUser(query.user);
    if (owner === null) {
      return refuse('NOT_FOUND');
    }
    storeQuery.ownerId = owner.accountId;
  }

  const page = await deps.stores.tokens.listAll(storeQuery);
  const users = createUserLookup(deps.directory);
  const tokens = await Promise.all(
    page.items.map(async (token): Promise<AdminTokenRow> => {
      const owner = await users.byAccountId(token.ownerId);
      return {
        ...toPublicToken(token, settings.maxValidity),
        owner: owner === null ? unknownUserSummary(token.ownerId) : toUserSummary(owner),
      };
    }),
  );
  return succeed({ tokens, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) });
}
