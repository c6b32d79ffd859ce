/** The public shape of a token and the rules for its name. */
import type { PublicToken, TokenRecord, Validity } from './types';
import { effectiveExpiry } from './validity';

const MAX_NAME_CHARS = 100;
/** Control characters, and the bidirectional overrides that make a name read differently. */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

/** A token as lists show it: ISO 8601 UTC times, the effective expiry, never the hash. */
export function toPublicToken(record: TokenRecord, maxValidity: Validity): PublicToken {
  return {
    id: record.id,
    name: record.name,
    hint: record.hint,
    scope: record.scope,
    ownerId: record.ownerId,
    createdAt: new Date(record.createdAt).toISOString(),
    createdBy: record.createdBy,
    expiresAt: isoOrNull(effectiveExpiry(record, maxValidity)),
    lastUsedAt: isoOrNull(record.lastUsedAt),
    lastUsedIp: record.lastUsedIp,
  };
}

/** A token name: trimmed, 1–100 characters, no control characters. */
export function normalizeTokenName(
  raw: unknown,
): { ok: true; name: string } | { ok: false; reason: string } {
  if (typeof raw !== 'string') {
    return { ok: false, reason: 'must be text' };
  }
  const name = raw.trim();
  if (name === '') {
    return { ok: false, reason: 'must not be empty' };
  }
  if ([...name].length > MAX_NAME_CHARS) {
    return { ok: false, reason: `must be at most ${MAX_NAME_CHARS} characters` };
  }
  if (FORBIDDEN_IN_NAME.test(name)) {
    return { ok: false, reason: 'must not contain control characters' };
  }
  return { ok: true, name };
}
