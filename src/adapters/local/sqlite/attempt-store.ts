/**
 * The AttemptStore in SQLite: failed attempts by address and by (user, address), in windows.
 * The counts the lock check asks for on every request come from exact in-memory copies of the
 * asked addresses (attempt-memory.ts); every write updates SQLite, then the copies.
 */
import type { FailedAttempt } from '../../../core/types';
import { StoreUnavailableError, type AttemptStore, type AttemptWindow } from '../../../ports';
import { createAttemptMemory, type RememberedAttempt } from './attempt-memory';
import type { SqliteDatabase } from './database';
import { guarded, storeError } from './errors';

interface AttemptRow {
  at: number;
  ip: string;
  account_id: string | null;
}

function toAttempt(row: AttemptRow): FailedAttempt {
  return { at: row.at, ip: row.ip, accountId: row.account_id };
}

function prepareStatements(db: SqliteDatabase) {
  return {
    insert: db.prepare('INSERT INTO failed_attempts (at, ip, account_id) VALUES (?, ?, ?)'),
    ofIp: db.prepare(`
      SELECT at, account_id AS accountId FROM failed_attempts WHERE ip = ? AND at >= ?`),
    byUser: db.prepare(`
      SELECT ip, COUNT(*) AS count, MAX(at) AS lastAt FROM failed_attempts
      WHERE account_id = ? AND at >= ? GROUP BY ip ORDER BY lastAt DESC, ip`),
    resetUser: db.prepare('DELETE FROM failed_attempts WHERE account_id = ?'),
    since: db.prepare(`
      SELECT at, ip, account_id FROM failed_attempts
      WHERE at >= ? ORDER BY at DESC, rowid DESC LIMIT ?`),
    prune: db.prepare('DELETE FROM failed_attempts WHERE at < ?'),
  };
}

/** The AttemptStore over `db`, with every statement prepared once. */
export function createAttemptStore(db: SqliteDatabase): AttemptStore {
  const sql = prepareStatements(db);
  const memory = createAttemptMemory((ip, since) => sql.ofIp.all(ip, since) as RememberedAttempt[]);
  // Memory answers only while the database is open: a closed store fails closed as before.
  // (No closure per call: this runs on every gateway request.)
  const count = (ip: string, since: number, accountId?: string): AttemptWindow => {
    try {
      if (!db.open) {
        throw new StoreUnavailableError('the SQLite store is closed');
      }
      return memory.count(ip, since, accountId);
    } catch (error) {
      throw storeError(error);
    }
  };

  return {
    record: async (attempt) => {
      guarded(() => sql.insert.run(attempt.at, attempt.ip, attempt.accountId));
      memory.recorded(attempt.ip, { at: attempt.at, accountId: attempt.accountId });
    },
    countByIp: async (ip, since) => count(ip, since),
    countByUserAtIp: async (accountId, ip, since) => count(ip, since, accountId),
    listByUser: async (accountId, since) =>
      guarded(
        () => sql.byUser.all(accountId, since) as { ip: string; count: number; lastAt: number }[],
      ),
    resetUser: async (accountId) => {
      const removed = guarded(() => sql.resetUser.run(accountId).changes);
      memory.removed((attempt) => attempt.accountId === accountId);
      return removed;
    },
    listSince: async (since, limit) =>
      guarded(() =>
        (sql.since.all(since, Math.max(0, Math.trunc(limit) || 0)) as AttemptRow[]).map(toAttempt),
      ),
    prune: async (before) => {
      const pruned = guarded(() => sql.prune.run(before).changes);
      memory.removed((attempt) => attempt.at < before);
      return pruned;
    },
  };
}
