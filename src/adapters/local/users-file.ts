/**
 * The users file (USERS_FILE): a JSON array of
 * `{username, displayName, email, admin, active, password | passwordHash, accountId?}`.
 * Reading it never throws: a bad file gives one line naming the entry and the field.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { User } from '../../core/types';
import {
  DEFAULT_SCRYPT,
  PASSWORD_HASH_RULE,
  hashPassword,
  isPasswordHash,
  type ScryptParams,
} from './password-hash';

/** One entry as written in the file. */
export interface UsersFileEntry {
  username: string;
  displayName: string;
  email: string;
  admin?: boolean;
  active?: boolean;
  password?: string;
  passwordHash?: string;
  accountId?: string;
}

/** A user of the local runtime with the hash of their password. */
export interface LocalUser extends User {
  passwordHash: string;
}

export type UsersFileResult = { ok: true; users: LocalUser[] } | { ok: false; error: string };

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_USERS = 10_000;

/** True when `text` holds a C0 control character or DEL. */
function hasControlChars(text: string): boolean {
  return [...text].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}

const ENTRY_SCHEMA = z
  .strictObject({
    username: z
      .string()
      .regex(/^[\x21-\x39\x3b-\x7e]{1,100}$/, 'must be 1-100 visible ASCII characters, no colon'),
    displayName: z
      .string()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .refine((name) => !hasControlChars(name), 'must not contain control characters'),
    email: z
      .string()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'),
    admin: z.boolean().optional(),
    active: z.boolean().optional(),
    password: z.string().min(1, 'must not be empty').max(1024).optional(),
    passwordHash: z.string().refine(isPasswordHash, PASSWORD_HASH_RULE).optional(),
    accountId: z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,128}$/, 'must be 1-128 letters, digits or : . _ -')
      .optional(),
  })
  .refine((entry) => (entry.password === undefined) !== (entry.passwordHash === undefined), {
    message: 'needs exactly one of password and passwordHash',
  });

/** The stable accountId of a user the file gives no accountId for: derived from the username. */
export function accountIdFor(username: string): string {
  return createHash('sha256')
    .update(`users-file:${username.toLowerCase()}`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * Reads and validates the users file at `path`; plain passwords are hashed in memory only.
 * Errors start with `label` (default "Invalid users file <path>").
 */
export async function readUsersFile(
  path: string,
  options: { scrypt?: ScryptParams; label?: string } = {},
): Promise<UsersFileResult> {
  const label = options.label ?? `Invalid users file ${path}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, error: `${label}: cannot be read (${reason})` };
  }
  const parsed = parseUsersFile(text);
  if (!parsed.ok) {
    return { ok: false, error: `${label}: ${parsed.error}` };
  }
  return { ok: true, users: await toLocalUsers(parsed.entries, options.scrypt ?? DEFAULT_SCRYPT) };
}

/** Validates the text of a users file; the error names the first bad entry and its fields. */
export function parseUsersFile(
  text: string,
): { ok: true; entries: UsersFileEntry[] } | { ok: false; error: string } {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    return { ok: false, error: `larger than ${MAX_FILE_BYTES} bytes` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(data) || data.length === 0 || data.length > MAX_USERS) {
    return { ok: false, error: `must be a JSON array of 1 to ${MAX_USERS} users` };
  }
  const entries: UsersFileEntry[] = [];
  for (const [index, raw] of data.entries()) {
    const result = ENTRY_SCHEMA.safeParse(raw);
    if (!result.success) {
      const reasons = result.error.issues.map((issue) =>
        issue.path.length === 0 ? issue.message : `${issue.path.join('.')} ${issue.message}`,
      );
      return { ok: false, error: `${entryName(index, raw)}: ${reasons.join('; ')}` };
    }
    entries.push(result.data);
  }
  const clash = findClash(entries);
  return clash === null ? { ok: true, entries } : { ok: false, error: clash };
}

function entryName(index: number, raw: unknown): string {
  const username =
    typeof raw === 'object' && raw !== null && 'username' in raw ? raw.username : undefined;
  const shown = typeof username === 'string' ? ` (${JSON.stringify(username.slice(0, 100))})` : '';
  return `entry ${index + 1}${shown}`;
}

/** Usernames, emails and accountIds are all ways to name a user: none may name two users. */
function findClash(entries: UsersFileEntry[]): string | null {
  const owners = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const keys = new Set([
      entry.username.toLowerCase(),
      entry.email.toLowerCase(),
      entry.accountId ?? accountIdFor(entry.username),
    ]);
    for (const key of keys) {
      const other = owners.get(key);
      if (other !== undefined && other !== index) {
        return `${entryName(index, entry)}: ${JSON.stringify(key)} already names entry ${other + 1}`;
      }
      owners.set(key, index);
    }
  }
  return null;
}

async function toLocalUsers(entries: UsersFileEntry[], scrypt: ScryptParams): Promise<LocalUser[]> {
  const users: LocalUser[] = [];
  for (const entry of entries) {
    const passwordHash = entry.passwordHash ?? (await hashPassword(entry.password ?? '', scrypt));
    users.push({
      accountId: entry.accountId ?? accountIdFor(entry.username),
      username: entry.username,
      displayName: entry.displayName,
      email: entry.email,
      isAdmin: entry.admin ?? false,
      active: entry.active ?? true,
      passwordHash,
    });
  }
  return users;
}
