/**
 * One server per DATA_DIR: the SQLite stores keep exact in-memory caches (tokens by hash,
 * failed-attempt windows) that are only right while a single process writes the directory.
 *
 * The lock is SQLite's exclusive lock on `DATA_DIR/app.lock.db`, taken at start-up and held
 * for the server's life. The operating system drops it when the process ends, however it
 * ends: there is no stale lock to judge or take over, and two servers starting at the same
 * instant cannot both get it. `DATA_DIR/app.lock` names the holder's pid, only for the line
 * a second server prints. The lock database is never deleted (a file removed while another
 * process opens it would let two processes lock two different files).
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

import Database from 'better-sqlite3';

import { codeOf, StartupError } from './local-users';

/** The file naming the holder's pid, inside DATA_DIR. */
export const DATA_LOCK_FILE = 'app.lock';
/** The SQLite file whose exclusive lock is the DATA_DIR lock. */
export const DATA_LOCK_DATABASE = 'app.lock.db';

export interface DataLock {
  /** The pid file, e.g. /srv/app/.data/app.lock */
  file: string;
  /** Gives the lock up and removes the pid file if it still names this process; never throws. */
  release(): Promise<void>;
}

/** Takes the DATA_DIR lock for this process. Throws StartupError when another server holds it. */
export async function lockDataDir(dataDir: string): Promise<DataLock> {
  await makeDataDir(dataDir);
  const file = path.join(dataDir, DATA_LOCK_FILE);
  const database = holdExclusively(path.join(dataDir, DATA_LOCK_DATABASE), dataDir);
  if (database === null) {
    const holder = await pidIn(file);
    throw new StartupError(
      `Another server is using DATA_DIR ${dataDir} (pid ${holder ?? 'unknown'}); ` +
        'stop it or choose another DATA_DIR',
    );
  }
  try {
    await writeFile(file, `${process.pid}\n`, { mode: 0o600 });
  } catch (error) {
    database.close();
    throw new StartupError(
      `Invalid setting DATA_DIR: ${dataDir} cannot be used (${codeOf(error)})`,
    );
  }
  return { file, release: () => release(file, database) };
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

/**
 * The lock database with SQLite's exclusive lock held until it is closed; null when another
 * connection, in this process or another, holds it.
 */
function holdExclusively(file: string, dataDir: string): Database.Database | null {
  let database: Database.Database;
  try {
    // No busy wait: a held lock means another server, now.
    database = new Database(file, { timeout: 0 });
  } catch (error) {
    throw new StartupError(
      `Invalid setting DATA_DIR: ${dataDir} cannot be used (${codeOf(error)})`,
    );
  }
  try {
    // In exclusive locking mode the first write takes the lock and it is never given back.
    database.pragma('locking_mode = EXCLUSIVE');
    // Its content does not matter: no journal file beside it in DATA_DIR.
    database.pragma('journal_mode = MEMORY');
    database.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    database.prepare('DELETE FROM holder').run();
    database.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    return database;
  } catch (error) {
    database.close();
    if (codeOf(error) === 'SQLITE_BUSY' || codeOf(error) === 'SQLITE_LOCKED') {
      return null;
    }
    throw new StartupError(
      `Invalid setting DATA_DIR: ${dataDir} cannot be locked (${codeOf(error)})`,
    );
  }
}

async function pidIn(file: string): Promise<number | null> {
  const text = (await readFile(file, 'utf8').catch(() => '')).trim();
  const pid = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

async function release(file: string, database: Database.Database): Promise<void> {
  if (!database.open) {
    return;
  }
  // While the lock is still held: no other server can have written the pid file yet.
  if ((await pidIn(file)) === process.pid) {
    await unlink(file).catch(() => undefined);
  }
  database.close();
}
