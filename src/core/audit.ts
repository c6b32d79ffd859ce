/**
 * Audit records (who did what to which token or setting, from where, on whose behalf) and
 * their CSV export. A record never holds a token secret or hash.
 */
import { randomId } from './token-format';
import type { AuditAction, AuditRecord, FieldChange } from './types';

/** A person in an exported record: at least the accountId, and a summary when it is known. */
export interface AuditPerson {
  accountId: string;
  username?: string;
  displayName?: string;
  email?: string;
}

/** The public shape of an audit record that the CSV export reads (ISO time, people resolved). */
export interface PublicAuditRecordLike {
  id: string;
  at: string;
  action: AuditAction;
  actor: AuditPerson;
  target: AuditPerson | null;
  tokenId: string | null;
  tokenName: string | null;
  actorIp: string | null;
  onBehalf: boolean;
  changes?: FieldChange[];
  count?: number;
  newTokenId?: string;
}

/** Builds a record with a new `aud_` id; `onBehalf` when the actor acts on another user. */
export function buildAuditRecord(input: {
  at: number;
  actorId: string;
  targetId: string | null;
  action: AuditAction;
  tokenId?: string | null;
  tokenName?: string | null;
  actorIp: string | null;
  changes?: FieldChange[];
  count?: number;
  newTokenId?: string;
}): AuditRecord {
  return {
    id: randomId('aud_'),
    at: input.at,
    actorId: input.actorId,
    targetId: input.targetId,
    action: input.action,
    tokenId: input.tokenId ?? null,
    tokenName: input.tokenName ?? null,
    actorIp: input.actorIp,
    onBehalf: input.targetId !== null && input.actorId !== input.targetId,
    ...(input.changes !== undefined && { changes: input.changes }),
    ...(input.count !== undefined && { count: input.count }),
    ...(input.newTokenId !== undefined && { newTokenId: input.newTokenId }),
  };
}

const CSV_HEADER = [
  'time',
  'action',
  'actor',
  'actorAccountId',
  'target',
  'targetAccountId',
  'onBehalf',
  'tokenId',
  'tokenName',
  'actorIp',
  'details',
  'id',
];
/** Spreadsheets run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const CRLF = '\r\n';

/** One CSV cell: formula starts defused with `'`, then RFC 4180 quoting. */
function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function personName(person: AuditPerson | null): string {
  return person === null ? '' : (person.username ?? person.accountId);
}

function details(record: PublicAuditRecordLike): string {
  const parts: string[] = [];
  if (record.changes !== undefined) {
    parts.push(`changes=${JSON.stringify(record.changes)}`);
  }
  if (record.count !== undefined) {
    parts.push(`count=${record.count}`);
  }
  if (record.newTokenId !== undefined) {
    parts.push(`newTokenId=${record.newTokenId}`);
  }
  return parts.join('; ');
}

function row(record: PublicAuditRecordLike): string[] {
  return [
    record.at,
    record.action,
    personName(record.actor),
    record.actor.accountId,
    personName(record.target),
    record.target?.accountId ?? '',
    String(record.onBehalf),
    record.tokenId ?? '',
    record.tokenName ?? '',
    record.actorIp ?? '',
    details(record),
    record.id,
  ];
}

/** The records as CSV (RFC 4180, CRLF, header row), safe to open in a spreadsheet. */
export function auditCsv(records: PublicAuditRecordLike[]): string {
  const lines = [CSV_HEADER, ...records.map(row)].map((cells) => cells.map(cell).join(','));
  return lines.join(CRLF) + CRLF;
}
