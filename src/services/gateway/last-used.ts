/** Throttled "last used" writes: at most one per token per interval, from the store's view and this process's. */
import type { TokenRecord } from '../../core/types';
import type { Clock, Logger, TokenStore } from '../../ports';
import { errorName } from '../errors';

/** A token's lastUsedAt/lastUsedIp are written at most once in this interval. */
export const LAST_USED_INTERVAL_MS = 60_000;
/** Beyond this many remembered tokens, entries older than the interval are forgotten. */
const MAX_REMEMBERED = 10_000;

export interface LastUsedRecorder {
  /** Records a use of `token` from `ip` unless it was recorded less than a minute ago; never throws. */
  record(token: TokenRecord, ip: string | null): Promise<void>;
}

/** A recorder writing through `tokens.touch`; failures are logged, never raised. */
export function createLastUsedRecorder(deps: {
  tokens: TokenStore;
  clock: Clock;
  logger: Logger;
}): LastUsedRecorder {
  const touchedAt = new Map<string, number>();

  function recentlyTouched(token: TokenRecord, now: number): boolean {
    const stored = token.lastUsedAt;
    const remembered = touchedAt.get(token.id);
    const isRecent = (at: number | null | undefined): boolean =>
      at !== null && at !== undefined && now - at < LAST_USED_INTERVAL_MS && now >= at;
    return isRecent(stored) || isRecent(remembered);
  }

  function forgetOld(now: number): void {
    if (touchedAt.size < MAX_REMEMBERED) {
      return;
    }
    for (const [id, at] of touchedAt) {
      if (now - at >= LAST_USED_INTERVAL_MS) {
        touchedAt.delete(id);
      }
    }
  }

  async function record(token: TokenRecord, ip: string | null): Promise<void> {
    const now = deps.clock.now();
    if (recentlyTouched(token, now)) {
      return;
    }
    forgetOld(now);
    touchedAt.set(token.id, now);
    try {
      await deps.tokens.touch(token.id, now, ip);
    } catch (error) {
      deps.logger.warn('could not record token use', {
        tokenId: token.id,
        error: errorName(error),
      });
    }
  }

  return { record };
}
