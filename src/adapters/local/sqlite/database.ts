/**
 * Opens the SQLite file: WAL journal, busy timeout, the schema migrated to the latest version,
 * and planner statistics refreshed where they are missing or stale (PRAGMA optimize).
 */
import Database from 'better-sqlite3';

import { StoreUnavailableError } from '../../../ports';
import { storeError } from './errors';
import { MIGRATIONS } from './schema';

export type SqliteDatabase = Database.Database;

const BUSY_TIMEOUT_MS = 5000;

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StoreUnavailableError(
      `the SQLite file has schema version ${current}; this app knows up to ${MIGRATIONS.length}`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    const apply = db.transaction((): void => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    });
    apply();
  }
}

/** Opens (creating when absent) and migrates the database at `file`; ':memory:' for a throwaway one. */
export function openDatabase(file: string): SqliteDatabase {
  let db: SqliteDatabase | null = null;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db?.close();
    throw storeError(error);
  }
}
