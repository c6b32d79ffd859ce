/** The audit log as administrators read it: newest first, filtered, paged, with user summaries, or as CSV. */
import type { PublicAuditRecord, UserSummary } from '../app/contract';
import { auditCsv } from '../core/audit';
import type { AuditAction, AuditRecord } from '../core/types';
import type { AuditQuery } from '../ports';
import type { ServiceDeps } from './deps';
import { createUserLookup, toUserSummary, type UserLookup } from './users';

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;
/** A CSV export holds at most this many records (newest first). */
export const AUDIT_EXPORT_MAX_RECORDS = 50_000;

export interface AuditFilter {
  /** Username, email or accountId; an accountId the directory no longer knows still filters. */
  actor?: string;
  target?: string;
  action?: AuditAction;
}

export interface AuditPage {
  records: PublicAuditRecord[];
  nextCursor?: string;
}

/** One page of audit records, newest first. */
export async function listAudit(
  deps: ServiceDeps,
  query: AuditFilter & { limit?: number; cursor?: string },
): Promise<AuditPage> {
  const users = createUserLookup(deps.directory);
  const page = await deps.stores.audit.list({
    ...(await storeFilter(users, query)),
    limit: Math.min(query.limit ?? AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT),
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  });
  const records = await Promise.all(page.items.map((record) => toPublicRecord(users, record)));
  return { records, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) };
}

/** Every matching record (up to AUDIT_EXPORT_MAX_RECORDS) as CSV, newest first. */
export async function exportAuditCsv(deps: ServiceDeps, filter: AuditFilter): Promise<string> {
  const users = createUserLookup(deps.directory);
  const base = await storeFilter(users, filter);
  const records: PublicAuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.stores.audit.list({
      ...base,
      limit: AUDIT_MAX_LIMIT,
      ...(cursor !== undefined && { cursor }),
    });
    for (const record of page.items) {
      records.push(await toPublicRecord(users, record));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && records.length < AUDIT_EXPORT_MAX_RECORDS);
  return auditCsv(records.slice(0, AUDIT_EXPORT_MAX_RECORDS));
}

async function storeFilter(
  users: UserLookup,
  filter: AuditFilter,
): Promise<Omit<AuditQuery, 'limit' | 'cursor'>> {
  return {
    ...(filter.actor !== undefined && { actorId: await accountIdOf(users, filter.actor) }),
    ...(filter.target !== undefined && { targetId: await accountIdOf(users, filter.target) }),
    ...(filter.action !== undefined && { action: filter.action }),
  };
}

/** The accountId a reference names; the reference itself when the directory does not know it. */
async function accountIdOf(users: UserLookup, ref: string): Promise<string> {
  return (await users.find(ref))?.accountId ?? ref;
}

async function summaryOf(
  users: UserLookup,
  accountId: string,
): Promise<UserSummary | { accountId: string }> {
  const user = await users.byAccountId(accountId);
  return user === null ? { accountId } : toUserSummary(user);
}

/** The public shape of a record: ISO time, actor and target as people. */
export async function toPublicRecord(
  users: UserLookup,
  record: AuditRecord,
): Promise<PublicAuditRecord> {
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    action: record.action,
    actor: await summaryOf(users, record.actorId),
    target: record.targetId === null ? null : await summaryOf(users, record.targetId),
    tokenId: record.tokenId,
    tokenName: record.tokenName,
    actorIp: record.actorIp,
    onBehalf: record.onBehalf,
    ...(record.changes !== undefined && { changes: record.changes }),
    ...(record.count !== undefined && { count: record.count }),
    ...(record.newTokenId !== undefined && { newTokenId: record.newTokenId }),
  };
}
