/**
 * The daily clean-up: old failed attempts, long-expired tokens, tokens of owners the directory
 * reports as inactive, and revoked tokens remembered for longer than the retention. Tokens of
 * owners the directory does not know are kept (a typo in a users file must not delete them);
 * authentication refuses them meanwhile.
 */
import { buildAuditRecord } from '../core/audit';
import { effectiveExpiry } from '../core/validity';
import type { TokenRecord, Validity } from '../core/types';
import type { ServiceDeps } from './deps';
import { createUserLookup, type UserLookup } from './users';

/** Tokens expired longer ago than this are dropped. */
export const EXPIRED_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
/** Revoked tokens are remembered this long (their secrets answer "expired" meanwhile). */
export const REVOKED_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;
/** The accountId recorded as the actor of housekeeping deletions. */
export const SYSTEM_ACTOR = 'system';
/** One run reads at most this many pages of tokens (bounded work; the next run continues). */
const MAX_PAGES = 1000;
const PAGE_SIZE = 100;

export interface HousekeepingCounts {
  prunedAttempts: number;
  droppedExpired: number;
  revokedInactive: number;
  /** Revoked tokens forgotten after REVOKED_RETENTION_MS. */
  prunedRevoked: number;
}

type Verdict = 'keep' | 'unknown owner' | 'expired' | 'inactive';

type Doomed = { token: TokenRecord; verdict: 'expired' | 'inactive' };

/** Runs every clean-up once; storage or directory failures propagate (nothing is guessed). */
export async function runHousekeeping(deps: ServiceDeps): Promise<HousekeepingCounts> {
  const now = deps.clock.now();
  const prunedAttempts = await deps.stores.attempts.prune(now - deps.failurePolicy.windowMs);
  const prunedRevoked = await deps.stores.tokens.pruneRevoked(now - REVOKED_RETENTION_MS);

  const counts = { prunedAttempts, droppedExpired: 0, revokedInactive: 0, prunedRevoked };
  const { doomed, unknownOwnerTokens } = await findDoomed(deps, now);
  if (unknownOwnerTokens > 0) {
    deps.logger.warn('housekeeping kept tokens of owners the directory does not know', {
      unknownOwnerTokens,
    });
  }
  for (const { token, verdict } of doomed) {
    const audit = buildAuditRecord({
      at: now,
      actorId: SYSTEM_ACTOR,
      targetId: token.ownerId,
      action: 'token.deleted',
      tokenId: token.id,
      tokenName: token.name,
      actorIp: null,
    });
    if (await deps.stores.tokens.delete(token.id, audit)) {
      counts[verdict === 'expired' ? 'droppedExpired' : 'revokedInactive'] += 1;
    }
  }
  deps.logger.info('housekeeping done', { ...counts });
  return counts;
}

/**
 * Every token to delete, read page by page before any deletion (so paging stays stable), and
 * how many tokens were kept because the directory does not know their owner.
 */
async function findDoomed(
  deps: ServiceDeps,
  now: number,
): Promise<{ doomed: Doomed[]; unknownOwnerTokens: number }> {
  const { settings } = await deps.settings.current();
  const users = createUserLookup(deps.directory);
  const doomed: Doomed[] = [];
  let unknownOwnerTokens = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await deps.stores.tokens.listAll({
      limit: PAGE_SIZE,
      ...(cursor !== undefined && { cursor }),
    });
    for (const token of result.items) {
      const verdict = await judge(users, token, { maxValidity: settings.maxValidity, now });
      if (verdict === 'expired' || verdict === 'inactive') {
        doomed.push({ token, verdict });
      } else if (verdict === 'unknown owner') {
        unknownOwnerTokens += 1;
      }
    }
    cursor = result.nextCursor;
    if (cursor === undefined) {
      break;
    }
  }
  return { doomed, unknownOwnerTokens };
}

/**
 * Whether a token stays, belongs to an owner reported inactive, expired more than the retention
 * ago, or stays although the directory does not know its owner.
 */
async function judge(
  users: UserLookup,
  token: TokenRecord,
  at: { maxValidity: Validity; now: number },
): Promise<Verdict> {
  const owner = await users.byAccountId(token.ownerId);
  if (owner?.active === false) {
    return 'inactive';
  }
  const expiry = effectiveExpiry(token, at.maxValidity);
  if (expiry !== null && expiry + EXPIRED_RETENTION_MS <= at.now) {
    return 'expired';
  }
  return owner === null ? 'unknown owner' : 'keep';
}
