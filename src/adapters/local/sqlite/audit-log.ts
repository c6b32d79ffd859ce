/** The append-only audit log in SQLite: newest first by (at, seq), keyset paging, filters. */
import type { AuditAction, AuditRecord, FieldChange } from '../../../core/types';
import type { AuditLog, AuditQuery, Page } from '../../../ports';
import { decodeCursor, pageRowLimit, toPage } from './cursor';
import type { SqliteDatabase } from './database';
import { guarded } from './errors';
import { createStatementCache } from './statements';

interface AuditRow {
  seq: number;
  id: string;
  at: number;
  actor_id: string;
  target_id: string | null;
  action: string;
  token_id: string | null;
  token_name: string | null;
  actor_ip: string | null;
  on_behalf: number;
  extra: string | null;
}

/** The optional fields of a record, kept together as JSON. */
interface AuditExtra {
  changes?: FieldChange[];
  count?: number;
  newTokenId?: string;
}

/** Writes one audit record; called inside the transaction of the change it records. */
export type AuditWriter = (record: AuditRecord) => void;

const FILTER_COLUMNS = [
  ['actorId', 'actor_id'],
  ['targetId', 'target_id'],
  ['action', 'action'],
] as const;

function extraOf(record: AuditRecord): string | null {
  const extra: AuditExtra = {};
  if (record.changes !== undefined) {
    extra.changes = record.changes;
  }
  if (record.count !== undefined) {
    extra.count = record.count;
  }
  if (record.newTokenId !== undefined) {
    extra.newTokenId = record.newTokenId;
  }
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

function toRecord(row: AuditRow): AuditRecord {
  const extra = row.extra === null ? {} : (JSON.parse(row.extra) as AuditExtra);
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    targetId: row.target_id,
    action: row.action as AuditAction,
    tokenId: row.token_id,
    tokenName: row.token_name,
    actorIp: row.actor_ip,
    onBehalf: row.on_behalf === 1,
    ...extra,
  };
}

/** The audit writer over `db`, with its insert prepared once. */
export function createAuditWriter(db: SqliteDatabase): AuditWriter {
  const insert = db.prepare(`
    INSERT INTO audit (id, at, actor_id, target_id, action, token_id, token_name, actor_ip,
                       on_behalf, extra)
    VALUES (@id, @at, @actorId, @targetId, @action, @tokenId, @tokenName, @actorIp,
            @onBehalf, @extra)`);
  return (record: AuditRecord): void => {
    insert.run({
      id: record.id,
      at: record.at,
      actorId: record.actorId,
      targetId: record.targetId,
      action: record.action,
      tokenId: record.tokenId,
      tokenName: record.tokenName,
      actorIp: record.actorIp,
      onBehalf: record.onBehalf ? 1 : 0,
      extra: extraOf(record),
    });
  };
}

function listSql(filters: readonly string[], options: { afterCursor: boolean }): string {
  const conditions = filters.map((column) => `${column} = @${column}`);
  if (options.afterCursor) {
    conditions.push('(at, seq) < (@cursorAt, @cursorSeq)');
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT * FROM audit ${where} ORDER BY at DESC, seq DESC LIMIT @rowLimit`;
}

/** The AuditLog over `db`, appending through `write`. */
export function createAuditLog(db: SqliteDatabase, write: AuditWriter): AuditLog {
  const statement = createStatementCache(db);

  function list(query: AuditQuery): Page<AuditRecord> {
    const cursor = query.cursor ? decodeCursor(query.cursor, 'number') : null;
    if ((query.cursor && cursor === null) || !(query.limit >= 1)) {
      return { items: [] };
    }
    const params: Record<string, string | number> = { rowLimit: pageRowLimit(query.limit) };
    const filters: string[] = [];
    for (const [field, column] of FILTER_COLUMNS) {
      const value = query[field];
      if (value !== undefined) {
        filters.push(column);
        params[column] = value;
      }
    }
    if (cursor !== null) {
      [params.cursorAt, params.cursorSeq] = cursor;
    }
    const sql = listSql(filters, { afterCursor: cursor !== null });
    const rows = statement(sql).all(params) as AuditRow[];
    return toPage(rows, query.limit, { item: toRecord, key: (row) => [row.at, row.seq] });
  }

  return {
    async append(record: AuditRecord): Promise<void> {
      guarded(() => write(record));
    },
    async list(query: AuditQuery): Promise<Page<AuditRecord>> {
      return guarded(() => list(query));
    },
  };
}
