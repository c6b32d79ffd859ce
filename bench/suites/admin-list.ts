/**
 * adminList: the admin token list's first page (newest first, default page size) with many
 * tokens stored, as the admin page asks for it; the filtered lists are reported beside it.
 */
import { medianNanosAsync, type MicroOptions } from '../lib/micro';
import { ADMIN_CALLER, type TokenSite } from './token-sites';

export interface AdminListResult {
  ms_first_page_100k: number;
  /** The first page of tokens expiring within 30 days. */
  ms_expiring_30d_100k: number;
  /** The first page of tokens unused for 90 days. */
  ms_unused_90d_100k: number;
  /** Rows on the unfiltered first page. */
  page_rows: number;
  tokens: number;
}

/** Median ms of listAllTokens unfiltered, then with each admin filter. */
export async function benchAdminList(
  site: TokenSite,
  tokens: number,
  micro: MicroOptions,
): Promise<AdminListResult> {
  const first = await site.app.runOperation('listAllTokens', {}, ADMIN_CALLER);
  if (!first.ok) {
    throw new Error(`listAllTokens failed: ${first.error.code}`);
  }
  const ms = async (input: Record<string, number>): Promise<number> =>
    (await medianNanosAsync(() => site.app.runOperation('listAllTokens', input, ADMIN_CALLER), {
      ...micro,
      batch: 1,
    })) / 1e6;
  return {
    ms_first_page_100k: await ms({}),
    ms_expiring_30d_100k: await ms({ expiringWithinDays: 30 }),
    ms_unused_90d_100k: await ms({ unusedForDays: 90 }),
    page_rows: first.data.tokens.length,
    tokens,
  };
}
