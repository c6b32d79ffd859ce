/** How an audit record reads in the table: who, for whom, and what changed. */
import type { PublicAuditRecord, UserSummary } from '../../../src/app/contract';
import { VALIDITY_OPTIONS, type FieldChange, type Validity } from '../../../src/core/types';
import { validityLabel } from '../shared/format';

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

function isValidity(value: unknown): value is Validity {
  return VALIDITY_OPTIONS.some((option) => option === value);
}

function onOff(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'on' : 'off') : show(value);
}

/** Each field under the admin guide's name, and how its values read. */
const FIELD_VIEWS: Record<string, { label: string; value: (value: unknown) => string }> = {
  maxValidity: {
    label: 'Token Validity Time',
    value: (value) => (isValidity(value) ? validityLabel(value) : show(value)),
  },
  ipAllowlist: { label: 'IP Address Restrictions', value: show },
  trustedProxies: { label: 'Trusted proxies', value: show },
  // The page's checkbox says "Disable", so it is on when password Basic Auth is off.
  passwordAuthEnabled: {
    label: 'Disable Basic Auth with passwords',
    value: (value) => onOff(typeof value === 'boolean' ? !value : value),
  },
  adminsOnlyCreate: { label: 'Allow only admins to create tokens', value: onOff },
  usersMayUseAssignedTokens: {
    label: 'Allow regular users to use tokens created for them',
    value: onOff,
  },
  name: { label: 'Name', value: show },
};

/** "Token Validity Time: 6 months → Never" for each changed setting (or token name). */
export function changeLines(changes: readonly FieldChange[]): string[] {
  return changes.map((change) => {
    const view = Object.hasOwn(FIELD_VIEWS, change.field) ? FIELD_VIEWS[change.field] : undefined;
    const label = view?.label ?? change.field;
    const value = view?.value ?? show;
    return `${label}: ${value(change.before)} → ${value(change.after)}`;
  });
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
