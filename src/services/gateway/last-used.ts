/** Throttled "last used" writes: at most one per token per interval, from the store's view and this process's. */
import type { TokenRecord } from '../../core/types';
import type { Clock, Logger, TokenStore } from '../../ports';
import { errorName } from '../errors';

/** A token's lastUsedAt/lastUsedIp are written at most once in this interval. */
export const LAST_USED_INTERVAL_MS = 60_000;
/** What record answers when nothing needs writing. */
const RECORDED: Promise<void> = Promise.resolve();
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

  // Not async: a use within the interval (nearly every request) costs no promise of its own.
  function record(token: TokenRecord, ip: string | null): Promise<void> {
    const now = deps.clock.now();
    if (isRecent(token.lastUsedAt, now) || isRecent(touchedAt.get(token.id), now)) {
      return RECORDED;
    }
    return touch(token, ip, now);
  }

  async function touch(token: TokenRecord, ip: string | null, now: number): Promise<void> {
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

/** Whether a use at `at` (if any) lies within the last interval before `now`. */
function isRecent(at: number | null | undefined, now: number): boolean {
  return at !== null && at !== undefined && now >= at && now - at < LAST_USED_INTERVAL_MS;
}
