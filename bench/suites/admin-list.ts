/** adminList: the admin token list's first page, as the admin page asks for it, many tokens stored. */
import { medianNanosAsync, type MicroOptions } from '../lib/micro';
import { ADMIN_CALLER, type TokenSite } from './token-sites';

export interface AdminListResult {
  ms_first_page_100k: number;
  /** Rows on that page. */
  page_rows: number;
  tokens: number;
}

/** Median ms of listAllTokens with no filter (newest first, default page size). */
export async function benchAdminList(
  site: TokenSite,
  tokens: number,
  micro: MicroOptions,
): Promise<AdminListResult> {
  const first = await site.app.runOperation('listAllTokens', {}, ADMIN_CALLER);
  if (!first.ok) {
    throw new Error(`listAllTokens failed: ${first.error.code}`);
  }
  const ns = await medianNanosAsync(
    () => site.app.runOperation('listAllTokens', {}, ADMIN_CALLER),
    { ...micro, batch: 1 },
  );
  return { ms_first_page_100k: ns / 1e6, page_rows: first.data.tokens.length, tokens };
}
