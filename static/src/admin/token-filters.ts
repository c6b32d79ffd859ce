/** The All tokens filters as typed, checked, and turned into a listAllTokens payload. */
import type { Operations, UserSummary } from '../../../src/app/contract';

/** Tokens per page of All tokens. */
export const PAGE_SIZE = 20;
/** The largest number of days the filters accept (ten years). */
export const MAX_FILTER_DAYS = 3650;

/** The filters as the administrator typed them. */
export interface TokenFilterDraft {
  user: UserSummary | null;
  expiringWithinDays: string;
  unusedForDays: string;
}

/** Every token, unfiltered. */
export const NO_FILTERS: TokenFilterDraft = {
  user: null,
  expiringWithinDays: '',
  unusedForDays: '',
};

/** Why a days field is not acceptable, or null (blank means no filter). */
export function daysProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') {
    return null;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_FILTER_DAYS) {
    return `Enter a whole number of days from 1 to ${MAX_FILTER_DAYS}, or leave it empty.`;
  }
  return null;
}

/** The payload for one page of tokens under these filters. */
export function listAllPayload(
  filters: TokenFilterDraft,
  cursor: string | undefined,
): Operations['listAllTokens']['input'] {
  const expiring = filters.expiringWithinDays.trim();
  const unused = filters.unusedForDays.trim();
  return {
    ...(filters.user !== null && { user: filters.user.accountId }),
    ...(expiring !== '' && { expiringWithinDays: Number(expiring) }),
    ...(unused !== '' && { unusedForDays: Number(unused) }),
    limit: PAGE_SIZE,
    ...(cursor !== undefined && { cursor }),
  };
}
