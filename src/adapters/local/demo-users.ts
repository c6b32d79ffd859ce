/**
 * Demo users for a fresh start without USERS_FILE: `admin` (administrator), `alice` and `bob`,
 * written once to DATA_DIR/users.json with random passwords stored only as scrypt hashes. The
 * plain passwords go once to DATA_DIR/demo-credentials.txt (mode 0600) for the person trying
 * the app; nothing logs them.
 */
import { randomBytes } from 'node:crypto';
import { access, link, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password-hash';
import { accountIdFor, type UsersFileEntry } from './users-file';

export const DEMO_USERS_FILE = 'users.json';
export const DEMO_CREDENTIALS_FILE = 'demo-credentials.txt';

const DEMO_PEOPLE = [
  { username: 'admin', displayName: 'Ada Admin', admin: true },
  { username: 'alice', displayName: 'Alice Example', admin: false },
  { username: 'bob', displayName: 'Bob Example', admin: false },
] as const;

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const PASSWORD_LENGTH = 20;

/** A random password from the CSPRNG, without modulo bias (about 116 bits). */
export function randomPassword(): string {
  let out = '';
  while (out.length < PASSWORD_LENGTH) {
    for (const byte of randomBytes(32)) {
      const limit = 256 - (256 % PASSWORD_ALPHABET.length);
      if (byte < limit && out.length < PASSWORD_LENGTH) {
        out += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
      }
    }
  }
  return out;
}

/**
 * Writes the demo users file and the credentials file into `dataDir` when the users file does
 * not exist yet; returns the users file path. An existing file is left as it is. The users file
 * appears whole or not at all (written aside, then linked into place).
 */
export async function ensureDemoUsers(
  dataDir: string,
  options: { scrypt?: ScryptParams } = {},
): Promise<{ usersFile: string; created: boolean }> {
  const usersFile = path.join(dataDir, DEMO_USERS_FILE);
  if (await exists(usersFile)) {
    return { usersFile, created: false };
  }

  const passwords = DEMO_PEOPLE.map(() => randomPassword());
  const entries = await demoEntries(passwords, options.scrypt ?? DEFAULT_SCRYPT);
  const temporary = `${usersFile}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporary, usersFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { usersFile, created: false };
    }
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }

  try {
    await writeCredentials(dataDir, passwords);
  } catch (error) {
    await rm(usersFile, { force: true });
    throw error;
  }
  return { usersFile, created: true };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function demoEntries(passwords: string[], scrypt: ScryptParams): Promise<UsersFileEntry[]> {
  const entries: UsersFileEntry[] = [];
  for (const [index, person] of DEMO_PEOPLE.entries()) {
    entries.push({
      accountId: accountIdFor(person.username),
      username: person.username,
      displayName: person.displayName,
      email: `${person.username}@example.com`,
      admin: person.admin,
      active: true,
      passwordHash: await hashPassword(passwords[index] ?? '', scrypt),
    });
  }
  return entries;
}

/** Credentials file: one `username password` line per demo user, written atomically, 0600. */
async function writeCredentials(dataDir: string, passwords: string[]): Promise<void> {
  const lines = DEMO_PEOPLE.map((person, index) => `${person.username} ${passwords[index]}`);
  const text = [
    '# Demo users of the local runtime: username password (administrator: admin).',
    '# Written once on first start; the users file keeps only scrypt hashes.',
    ...lines,
    '',
  ].join('\n');
  const target = path.join(dataDir, DEMO_CREDENTIALS_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'w' });
  await rename(temporary, target);
}
