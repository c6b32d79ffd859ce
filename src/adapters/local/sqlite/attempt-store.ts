/** The AttemptStore in SQLite: failed attempts by address and by (user, address), in windows. */
import type { FailedAttempt } from '../../../core/types';
import type { AttemptStore, AttemptWindow } from '../../../ports';
import type { SqliteDatabase } from './database';
import { guarded } from './errors';

interface AttemptRow {
  at: number;
  ip: string;
  account_id: string | null;
}

function toAttempt(row: AttemptRow): FailedAttempt {
  return { at: row.at, ip: row.ip, accountId: row.account_id };
}

/** The AttemptStore over `db`, with every statement prepared once. */
export function createAttemptStore(db: SqliteDatabase): AttemptStore {
  const sql = {
    insert: db.prepare('INSERT INTO failed_attempts (at, ip, account_id) VALUES (?, ?, ?)'),
    byIp: db.prepare(`
      SELECT COUNT(*) AS count, MIN(at) AS oldestAt FROM failed_attempts
      WHERE ip = ? AND at >= ?`),
    byUserAtIp: db.prepare(`
      SELECT COUNT(*) AS count, MIN(at) AS oldestAt FROM failed_attempts
      WHERE account_id = ? AND ip = ? AND at >= ?`),
    byUser: db.prepare(`
      SELECT ip, COUNT(*) AS count, MAX(at) AS lastAt FROM failed_attempts
      WHERE account_id = ? AND at >= ? GROUP BY ip ORDER BY lastAt DESC, ip`),
    resetUser: db.prepare('DELETE FROM failed_attempts WHERE account_id = ?'),
    since: db.prepare(`
      SELECT at, ip, account_id FROM failed_attempts
      WHERE at >= ? ORDER BY at DESC, rowid DESC LIMIT ?`),
    prune: db.prepare('DELETE FROM failed_attempts WHERE at < ?'),
  };

  return {
    record: async (attempt) => {
      guarded(() => sql.insert.run(attempt.at, attempt.ip, attempt.accountId));
    },
    countByIp: async (ip, since) => guarded(() => sql.byIp.get(ip, since) as AttemptWindow),
    countByUserAtIp: async (accountId, ip, since) =>
      guarded(() => sql.byUserAtIp.get(accountId, ip, since) as AttemptWindow),
    listByUser: async (accountId, since) =>
      guarded(
        () => sql.byUser.all(accountId, since) as { ip: string; count: number; lastAt: number }[],
      ),
    resetUser: async (accountId) => guarded(() => sql.resetUser.run(accountId).changes),
    listSince: async (since, limit) =>
      guarded(() =>
        (sql.since.all(since, Math.max(0, Math.trunc(limit) || 0)) as AttemptRow[]).map(toAttempt),
      ),
    prune: async (before) => guarded(() => sql.prune.run(before).changes),
  };
}
