/** How an audit record reads in the table: who, for whom, and what changed. */
import type { PublicAuditRecord, UserSummary } from '../../../src/app/contract';
import type { FieldChange } from '../../../src/core/types';

type Person = PublicAuditRecord['actor'];

/** A person's display name, or their account id when the directory no longer knows them. */
export function personName(person: Person | null): string {
  if (person === null) {
    return '—';
  }
  if (person.accountId === 'system') {
    return 'System (housekeeping)';
  }
  return isSummary(person) ? person.displayName : person.accountId;
}

function isSummary(person: Person): person is UserSummary {
  return 'displayName' in person;
}

function show(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? '(empty)' : value.join(', ');
  }
  return JSON.stringify(value);
}

/** "maxValidity: "never" → "1y"" for each changed setting. */
export function changeLines(changes: readonly FieldChange[]): string[] {
  return changes.map((change) => `${change.field}: ${show(change.before)} → ${show(change.after)}`);
}

/** The record's details in one line: changed settings, how many tokens, the rotated token's new id. */
export function recordDetails(record: PublicAuditRecord): string[] {
  if (record.changes !== undefined && record.changes.length > 0) {
    return changeLines(record.changes);
  }
  const lines: string[] = [];
  if (record.count !== undefined) {
    lines.push(record.count === 1 ? '1 token' : `${record.count} tokens`);
  }
  if (record.newTokenId !== undefined) {
    lines.push(`New token id ${record.newTokenId}`);
  }
  return lines;
}
