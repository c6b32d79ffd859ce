/** The local runtime's stores, all in one SQLite file (or ':memory:'). */
import type { Stores } from '../../../ports';
import { createAttemptStore } from './attempt-store';
import { createAuditLog, createAuditWriter } from './audit-log';
import { openDatabase } from './database';
import { guarded } from './errors';
import { createSettingsStore } from './settings-store';
import { createTokenStore } from './token-store';

/** Stores over one open SQLite database; close() refreshes planner statistics and releases the file. */
export interface SqliteStores extends Stores {
  close(): void;
}

export interface SqliteStoreOptions {
  /** Path of the database file, created when absent; ':memory:' for a throwaway database. */
  file: string;
}

/** Opens (creating and migrating as needed) the SQLite stores. Throws StoreUnavailableError. */
export function openSqliteStores(options: SqliteStoreOptions): SqliteStores {
  const db = openDatabase(options.file);
  const writeAudit = createAuditWriter(db);
  return {
    tokens: createTokenStore(db, writeAudit),
    settings: createSettingsStore(db, writeAudit),
    audit: createAuditLog(db, writeAudit),
    attempts: createAttemptStore(db),
    close(): void {
      if (!db.open) {
        return;
      }
      try {
        guarded(() => db.pragma('optimize'));
      } finally {
        db.close();
      }
    },
  };
}
