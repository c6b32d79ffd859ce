/**
 * Token format: `atat_` + 28 random base62 characters (about 166 bits from the OS CSPRNG)
 * + a 6-character base62 CRC32 of everything before it. The checksum lets the gateway turn
 * away mistyped or made-up tokens without a storage read, and lets secret scanners recognise
 * a real token (`atat_[0-9A-Za-z]{34}`).
 */
import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The app's token prefix ("API Token Authentication Token"). */
export const TOKEN_PREFIX = 'atat_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 28;
const CHECKSUM_LENGTH = 6;
const ID_LENGTH = 22;
const TOKEN_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
const TOKEN_PATTERN = /^atat_[0-9A-Za-z]{34}$/;
/** Largest multiple of 62 that fits in a byte: bytes at or above it are dropped (no modulo bias). */
const UNBIASED_BYTE_LIMIT = 248;
const HINT_RANDOM_CHARS = 4;

const CRC32_TABLE = buildCrc32Table();

function buildCrc32Table(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (IEEE 802.3) of an ASCII string; a checksum against typos, not a security measure. */
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i += 1) {
    crc = (CRC32_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function checksumOf(body: string): string {
  let value = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i += 1) {
    out = BASE62.charAt(value % 62) + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/** `length` base62 characters drawn uniformly from the OS CSPRNG. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT && out.length < length) {
        out += BASE62.charAt(byte % 62);
      }
    }
  }
  return out;
}

/** A new token secret: prefix, 28 CSPRNG base62 characters, 6-character checksum. */
export function generateToken(): string {
  const body = TOKEN_PREFIX + randomBase62(RANDOM_LENGTH);
  return body + checksumOf(body);
}

/** True when `candidate` has the prefix, length, alphabet and checksum of a token; reads no storage. */
export function hasTokenFormat(candidate: string): boolean {
  if (typeof candidate !== 'string' || candidate.length !== TOKEN_LENGTH) {
    return false;
  }
  if (!TOKEN_PATTERN.test(candidate)) {
    return false;
  }
  const body = candidate.slice(0, TOKEN_LENGTH - CHECKSUM_LENGTH);
  return candidate.slice(TOKEN_LENGTH - CHECKSUM_LENGTH) === checksumOf(body);
}

/** SHA-256 (hex) of the whole token: the only form in which a token is stored. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** The display hint of a token: the prefix and the first 4 random characters, e.g. `atat_Ab3x`. */
export function tokenHint(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + HINT_RANDOM_CHARS);
}

/** A public id unrelated to any secret: `prefix` + 22 CSPRNG base62 characters (e.g. `tok_…`). */
export function randomId(prefix: string): string {
  return prefix + randomBase62(ID_LENGTH);
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
