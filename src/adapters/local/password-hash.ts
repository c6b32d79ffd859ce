/**
 * Password hashes of the users file: scrypt, written as
 * `scrypt$<N>$<r>$<p>$<salt base64>$<key base64>`. Verification is constant-time and fails
 * closed: a malformed hash or a failing scrypt call is simply "does not match".
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  cost: number;
  blockSize: number;
  parallelism: number;
}

/** The parameters the app writes (OWASP's scrypt baseline). */
export const DEFAULT_SCRYPT: ScryptParams = { cost: 2 ** 15, blockSize: 8, parallelism: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Upper bounds keep a hostile users file from making every login allocate gigabytes. */
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;
const MAX_MEMORY_BYTES = 512 * 1024 * 1024;
const HASH_FORMAT =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** Hashes `password` with a fresh random salt. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  const { cost, blockSize, parallelism } = params;
  return `scrypt$${cost}$${blockSize}$${parallelism}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** What a password hash must look like, for error messages. */
export const PASSWORD_HASH_RULE =
  'must be scrypt$N$r$p$salt$key as the app writes it, N a power of two up to 2^20';

/** True when `hash` is a password hash this app can check. */
export function isPasswordHash(hash: string): boolean {
  return parseHash(hash) !== null;
}

/** True when `password` matches `hash`; false for a wrong password or an unusable hash. */
export async function verifyPasswordHash(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (parsed === null) {
    return false;
  }
  try {
    const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}

function parseHash(hash: string): ParsedHash | null {
  const match = HASH_FORMAT.exec(hash);
  if (match === null) {
    return null;
  }
  const params = {
    cost: Number(match[1]),
    blockSize: Number(match[2]),
    parallelism: Number(match[3]),
  };
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const key = Buffer.from(match[5] ?? '', 'base64');
  if (!paramsAreSafe(params) || salt.length < 8 || key.length < 16 || key.length > 64) {
    return null;
  }
  return { params, salt, key };
}

function paramsAreSafe({ cost, blockSize, parallelism }: ScryptParams): boolean {
  const powerOfTwo = cost >= 2 && (cost & (cost - 1)) === 0;
  return (
    powerOfTwo &&
    cost <= MAX_COST &&
    blockSize >= 1 &&
    blockSize <= MAX_BLOCK_SIZE &&
    parallelism >= 1 &&
    parallelism <= MAX_PARALLELISM &&
    memoryFor({ cost, blockSize, parallelism }) <= MAX_MEMORY_BYTES
  );
}

function memoryFor({ cost, blockSize, parallelism }: ScryptParams): number {
  return 128 * blockSize * (cost + parallelism + 2);
}

function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  bytes: number,
): Promise<Buffer> {
  const options = {
    N: params.cost,
    r: params.blockSize,
    p: params.parallelism,
    maxmem: memoryFor(params) + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, bytes, options, (error, key) => {
      if (error) {
        reject(error);
      } else {
        resolve(key);
      }
    });
  });
}
