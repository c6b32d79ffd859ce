/**
 * The tokens one function instance verified lately, by id: what a last-use write is made from,
 * so it needs no read. Never used to verify: every verification reads storage.
 */
import type { TokenRecord } from '../../core/types';

const REMEMBERED_TOKENS = 1000;

/** A bounded, least-recently-remembered-first memory of token records. */
export class RecentTokens {
  private readonly byId = new Map<string, TokenRecord>();

  get(id: string): TokenRecord | null {
    return this.byId.get(id) ?? null;
  }

  remember(token: TokenRecord): void {
    this.byId.delete(token.id);
    this.byId.set(token.id, token);
    if (this.byId.size > REMEMBERED_TOKENS) {
      const oldest = this.byId.keys().next();
      if (oldest.done !== true) {
        this.byId.delete(oldest.value);
      }
    }
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}
