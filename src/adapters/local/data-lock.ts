/**
 * One server per DATA_DIR: the SQLite stores keep exact in-memory caches (tokens by hash,
 * failed-attempt windows) that are only right while a single process writes the directory.
 * `DATA_DIR/app.lock` holds the pid of the server using it; a lock whose process is gone (a
 * crash) is taken over, a live one stops start-up with one line.
 */
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { codeOf, StartupError } from './local-users';

/** The lock file's name inside DATA_DIR. */
export const DATA_LOCK_FILE = 'app.lock';

export interface DataLock {
  /** The lock file, e.g. /srv/app/.data/app.lock */
  file: string;
  /** Removes the lock file if it still names this process; never throws. */
  release(): Promise<void>;
}

/** A stale lock is replaced at most this often before giving up (bounded race with others). */
const MAX_ATTEMPTS = 3;

/** Lock files this process holds, so a lock naming our own pid is told apart from a stale one. */
const HELD = new Set<string>();

/** Takes DATA_DIR/app.lock for this process. Throws StartupError when another server holds it. */
export async function lockDataDir(dataDir: string): Promise<DataLock> {
  const file = path.join(dataDir, DATA_LOCK_FILE);
  await makeDataDir(dataDir);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    if (await tryCreate(file, dataDir)) {
      HELD.add(file);
      return { file, release: () => release(file) };
    }
    const holder = await holderOf(file);
    if (holder !== null) {
      throw new StartupError(
        `Another server is using DATA_DIR ${dataDir} (pid ${holder}); ` +
          'stop it or choose another DATA_DIR',
      );
    }
    await unlink(file).catch(() => undefined);
  }
  throw new StartupError(`Invalid setting DATA_DIR: ${dataDir} cannot be locked (EEXIST)`);
}

async function makeDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StartupError(
      `Invalid setting DATA_DIR: ${dataDir} cannot be used (${codeOf(error)})`,
    );
  }
}

/** Creates the lock file with this pid; false when it already exists. */
async function tryCreate(file: string, dataDir: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') {
      return false;
    }
    throw new StartupError(
      `Invalid setting DATA_DIR: ${dataDir} cannot be used (${codeOf(error)})`,
    );
  }
}

/** The live process named by the lock file, or null when the lock is stale or unreadable. */
async function holderOf(file: string): Promise<number | null> {
  const pid = await pidIn(file);
  if (pid === null) {
    return null;
  }
  if (pid === process.pid) {
    // Our own pid: live only if this process took the lock (after a container restart the
    // new server often gets the crashed one's pid).
    return HELD.has(file) ? pid : null;
  }
  return isAlive(pid) ? pid : null;
}

async function pidIn(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return /^\d+$/.test(text.trim()) && Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return codeOf(error) === 'EPERM';
  }
}

async function release(file: string): Promise<void> {
  if (!HELD.delete(file)) {
    return;
  }
  if ((await pidIn(file)) === process.pid) {
    await unlink(file).catch(() => undefined);
  }
}
