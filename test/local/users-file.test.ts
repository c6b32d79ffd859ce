import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS_FILE, ensureDemoUsers } from '../../src/adapters/local/demo-users';
import { hashPassword, verifyPasswordHash } from '../../src/adapters/local/password-hash';
import { createUsersDirectory } from '../../src/adapters/local/users-directory';
import { accountIdFor, parseUsersFile, readUsersFile } from '../../src/adapters/local/users-file';

/** Cheap scrypt parameters: the tests check behaviour, not cost. */
const FAST = { cost: 1024, blockSize: 8, parallelism: 1 };

const USERS = [
  {
    username: 'carol',
    displayName: 'Carol Admin',
    email: 'carol@example.test',
    admin: true,
    password: 'carol-pass',
  },
  { username: 'dave', displayName: 'Dave User', email: 'Dave@Example.test', password: 'dave-pass' },
  {
    username: 'erin',
    displayName: 'Erin Gone',
    email: 'erin@example.test',
    active: false,
    password: 'erin-pass',
  },
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'users-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function directoryOf(entries: unknown): Promise<ReturnType<typeof createUsersDirectory>> {
  const file = path.join(dir, 'users.json');
  await writeFile(file, JSON.stringify(entries));
  const result = await readUsersFile(file, { scrypt: FAST });
  if (!result.ok) {
    throw new Error(result.error);
  }
  return createUsersDirectory(result.users);
}

describe('users file', () => {
  it('finds a user by username, email (any case) or accountId', async () => {
    const directory = await directoryOf(USERS);
    const dave = await directory.findUser('DAVE');
    expect(dave).toEqual({
      accountId: accountIdFor('dave'),
      username: 'dave',
      displayName: 'Dave User',
      email: 'Dave@Example.test',
      isAdmin: false,
      active: true,
    });
    expect(await directory.findUser('dave@example.TEST')).toEqual(dave);
    expect(await directory.findUser(accountIdFor('dave'))).toEqual(dave);
    expect(await directory.getUser(accountIdFor('dave'))).toEqual(dave);
    expect(await directory.findUser('nobody')).toBeNull();
  });

  it('derives a stable 24-hex accountId from the username when none is given', () => {
    expect(accountIdFor('Dave')).toBe(accountIdFor('dave'));
    expect(accountIdFor('dave')).toMatch(/^[0-9a-f]{24}$/);
    expect(accountIdFor('dave')).not.toBe(accountIdFor('carol'));
  });

  it('verifies a plain password hashed in memory, and refuses a wrong one', async () => {
    const directory = await directoryOf(USERS);
    expect((await directory.verifyPassword('carol', 'carol-pass'))?.username).toBe('carol');
    expect(await directory.verifyPassword('carol', 'carol-pas')).toBeNull();
    expect(await directory.verifyPassword('nobody', 'carol-pass')).toBeNull();
  });

  it('never verifies the password of an inactive user', async () => {
    const directory = await directoryOf(USERS);
    expect(await directory.verifyPassword('erin', 'erin-pass')).toBeNull();
  });

  it('verifies a passwordHash written by the app', async () => {
    const passwordHash = await hashPassword('from-hash', FAST);
    const directory = await directoryOf([
      { username: 'frank', displayName: 'Frank', email: 'frank@example.test', passwordHash },
    ]);
    expect((await directory.verifyPassword('frank', 'from-hash'))?.username).toBe('frank');
  });

  it('searches username, display name and email, up to the limit', async () => {
    const directory = await directoryOf(USERS);
    expect((await directory.searchUsers('EXAMPLE', 2)).map((user) => user.username)).toEqual([
      'carol',
      'dave',
    ]);
    expect((await directory.searchUsers('gone', 10)).map((user) => user.username)).toEqual([
      'erin',
    ]);
  });

  it.each([
    ['text that is not JSON', '{', /^not valid JSON/],
    ['an object instead of an array', '{}', /^must be a JSON array of 1 to 10000 users$/],
    [
      'a username with a colon',
      JSON.stringify([{ username: 'a:b', displayName: 'A', email: 'a@x', password: 'p' }]),
      /^entry 1 \("a:b"\): username must be 1-100 visible ASCII characters, no colon$/,
    ],
    [
      'a bad email in the second entry',
      JSON.stringify([USERS[0], { username: 'g', displayName: 'G', email: 'nope', password: 'p' }]),
      /^entry 2 \("g"\): email must be an email address$/,
    ],
    [
      'an unknown field',
      JSON.stringify([
        { username: 'g', displayName: 'G', email: 'g@x', isAdmin: true, password: 'p' },
      ]),
      /^entry 1 \("g"\): Unrecognized key: "isAdmin"$/,
    ],
    [
      'no password at all',
      JSON.stringify([{ username: 'g', displayName: 'G', email: 'g@x' }]),
      /^entry 1 \("g"\): needs exactly one of password and passwordHash$/,
    ],
    [
      'a password hash of another kind',
      JSON.stringify([{ username: 'g', displayName: 'G', email: 'g@x', passwordHash: 'md5$abc' }]),
      /^entry 1 \("g"\): passwordHash must be scrypt\$N\$r\$p\$salt\$key/,
    ],
    [
      'two users with the same username in different case',
      JSON.stringify([USERS[0], { ...USERS[1], username: 'CAROL' }]),
      /^entry 2 \("CAROL"\): "carol" already names entry 1$/,
    ],
  ])('refuses %s with a line naming the entry', (_label, text, message) => {
    const result = parseUsersFile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('names the file when it cannot be read', async () => {
    const missing = path.join(dir, 'missing.json');
    expect(await readUsersFile(missing)).toEqual({
      ok: false,
      error: `Invalid users file ${missing}: cannot be read (ENOENT)`,
    });
  });
});

describe('demo users', () => {
  it('writes admin, alice and bob once, hashes only, plain passwords in a 0600 file', async () => {
    const first = await ensureDemoUsers(dir, { scrypt: FAST });
    expect(first).toEqual({ usersFile: path.join(dir, 'users.json'), created: true });

    const stored = await readFile(first.usersFile, 'utf8');
    const credentialsFile = path.join(dir, DEMO_CREDENTIALS_FILE);
    const credentials = await readFile(credentialsFile, 'utf8');
    const lines = credentials.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const passwords = Object.fromEntries(lines.map((line) => line.split(' ')));
    expect(Object.keys(passwords)).toEqual(['admin', 'alice', 'bob']);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    for (const password of Object.values(passwords)) {
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(stored).not.toContain(password);
    }

    const result = await readUsersFile(first.usersFile);
    const directory = createUsersDirectory(result.ok ? result.users : []);
    expect((await directory.findUser('admin'))?.isAdmin).toBe(true);
    expect((await directory.findUser('alice'))?.isAdmin).toBe(false);
    expect((await directory.verifyPassword('bob', passwords.bob ?? ''))?.username).toBe('bob');

    expect(await ensureDemoUsers(dir, { scrypt: FAST })).toEqual({ ...first, created: false });
    expect(await readFile(credentialsFile, 'utf8')).toBe(credentials);
  });
});

describe('password hashes', () => {
  it('refuses a hash whose parameters would make a login allocate too much memory', async () => {
    const salt = Buffer.alloc(16).toString('base64');
    const key = Buffer.alloc(32).toString('base64');
    expect(await verifyPasswordHash('x', `scrypt$${2 ** 22}$8$1$${salt}$${key}`)).toBe(false);
  });
});
