/** Prepared statements of the list queries, one per filter combination, prepared on first use. */
import type { Statement } from 'better-sqlite3';

import type { SqliteDatabase } from './database';

/** Returns the statement for `sql`, preparing it the first time it is asked for. */
export type StatementCache = (sql: string) => Statement;

/** A statement cache over `db`; its size is bounded by the queries the stores can build. */
export function createStatementCache(db: SqliteDatabase): StatementCache {
  const prepared = new Map<string, Statement>();
  return (sql: string): Statement => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}
