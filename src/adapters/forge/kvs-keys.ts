/**
 * How the @forge/kvs stores name things: the custom entities declared in manifest.yml, the
 * keys inside them, and the list keys and cursors of paged lists.
 *
 * Forge keys must match [a-zA-Z0-9:._\s-#]{1,500}. No value that came from outside (a token
 * name, an account id, a public id from a URL, an address) becomes part of a key as it is:
 * it is hashed first (SHA-256, hex), so every key fits the pattern whatever the input, and a
 * crafted value cannot reach another record's key.
 */
import { createHash } from 'node:crypto';

/** Custom entity names, as declared under app.storage.entities in manifest.yml. */
export const ENTITY = Object.freeze({
  /** A token, keyed by the SHA-256 of the secret: verification is one keyed read. */
  token: 'token',
  /** Public id → token hash: lets findById, delete and rotate read consistently by key. */
  tokenRef: 'token-ref',
  /** (owner, case-folded name) → token id: makes names unique per owner inside transactions. */
  tokenName: 'token-name',
  /** A deleted or rotated-away token, keyed by the same hash: answers "expired" to its secret. */
  revokedToken: 'revoked-token',
  audit: 'audit-record',
  settings: 'settings',
  attempt: 'failed-attempt',
});

/** The one key of the settings entity. */
export const SETTINGS_KEY = 'current';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const LIST_KEY = /^\d{16}:[A-Za-z0-9_-]{1,100}$/;
const CURSOR_PREFIX = 'k1.';
const MAX_CURSOR_CHARS = 300;
const TIME_DIGITS = 16;

/** A key part for any outside value: its SHA-256 in hex (64 characters). */
export function keyPart(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The token entity's key for a token hash, or null when `hash` is not a SHA-256 in hex. */
export function tokenKey(hash: string): string | null {
  return SHA256_HEX.test(hash) ? hash : null;
}

/** The token-ref entity's key for a public token id. */
export function tokenRefKey(id: string): string {
  return keyPart(`id:${id}`);
}

/** Token names compare case-insensitively, beyond ASCII, after Unicode normalisation. */
export function foldTokenName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The token-name entity's key for one owner's name. */
export function tokenNameKey(ownerId: string, name: string): string {
  return `${keyPart(`owner:${ownerId}`)}:${keyPart(foldTokenName(name))}`;
}

/** A sortable list key: time (ms, zero-padded) then the record's id as a tie-breaker. */
export function listKey(at: number, id: string): string {
  return `${String(Math.max(0, Math.trunc(at))).padStart(TIME_DIGITS, '0')}:${id}`;
}

/** The opaque cursor that resumes a newest-first list after `lastListKey`. */
export function encodeCursor(lastListKey: string): string {
  return CURSOR_PREFIX + Buffer.from(lastListKey, 'utf8').toString('base64url');
}

/** The list key inside a cursor this store wrote, or null for anything else. */
export function decodeCursor(cursor: string): string | null {
  if (cursor.length > MAX_CURSOR_CHARS || !cursor.startsWith(CURSOR_PREFIX)) {
    return null;
  }
  const decoded = Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8');
  return LIST_KEY.test(decoded) && encodeCursor(decoded) === cursor ? decoded : null;
}
