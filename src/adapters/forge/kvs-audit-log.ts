/**
 * AuditLog on @forge/kvs: the `audit-record` entity, append-only. Lists are newest first on
 * the entity's indexes (manifest.yml): by actor, by target or by action when that filter is
 * given (the most selective first), else every record; the other filters are index filters.
 */
import { FilterConditions, kvs } from '@forge/kvs';

import type { AuditRecord } from '../../core/types';
import type { AuditLog, AuditQuery, Page } from '../../ports';
import { andFilter, guarded, type FilterClause, type IndexScan } from './kvs-access';
import { fromAuditItem, toAuditItem, type AuditItem } from './kvs-items';
import { ENTITY } from './kvs-keys';
import { newestFirstPage } from './kvs-paging';
import { auditKey } from './kvs-token-writes';

/** Indexes of the audit-record entity. */
export const AUDIT_INDEX = Object.freeze({
  all: 'listKey',
  byActor: 'by-actor',
  byTarget: 'by-target',
  byAction: 'by-action',
});

type Filterable = 'actorId' | 'targetId' | 'action';

function indexFor(field: Filterable): string {
  switch (field) {
    case 'actorId':
      return AUDIT_INDEX.byActor;
    case 'targetId':
      return AUDIT_INDEX.byTarget;
    case 'action':
      return AUDIT_INDEX.byAction;
  }
}

/** The index scan for a query: the first given filter picks the index, the rest filter it. */
export function auditScan(query: AuditQuery): Omit<IndexScan<AuditItem>, 'order' | 'range'> {
  const given: [Filterable, string][] = [];
  for (const field of ['actorId', 'targetId', 'action'] as const) {
    const value = query[field];
    if (value !== undefined) {
      given.push([field, value]);
    }
  }
  const [first, ...rest] = given;
  const clauses: [keyof AuditItem, FilterClause<AuditItem>][] = rest.map(([field, value]) => [
    field,
    FilterConditions.equalTo(value),
  ]);
  const filter = andFilter<AuditItem>(clauses);
  if (first === undefined) {
    return { entity: ENTITY.audit, index: AUDIT_INDEX.all, filter };
  }
  return { entity: ENTITY.audit, index: indexFor(first[0]), partition: [first[1]], filter };
}

/** The audit log on @forge/kvs. */
export class KvsAuditLog implements AuditLog {
  async append(record: AuditRecord): Promise<void> {
    await guarded('audit append', () =>
      kvs.entity<AuditItem>(ENTITY.audit).set(auditKey(record.id), toAuditItem(record)),
    );
  }

  list(query: AuditQuery): Promise<Page<AuditRecord>> {
    return newestFirstPage<AuditItem, AuditRecord>(auditScan(query), query, {
      toRecord: fromAuditItem,
    });
  }
}
