/** How the pages write times, validity options, scopes and audit actions for people. */
import type { AuditAction, TokenScope, Validity } from '../../../src/core/types';

const VALIDITY_LABELS: Record<Validity, string> = {
  '6m': '6 months',
  '1y': '1 year',
  '2y': '2 years',
  never: 'Never',
};

const SCOPE_LABELS: Record<TokenScope, string> = {
  'read-write': 'Read and write',
  'read-only': 'Read only',
};

const ACTION_LABELS: Record<AuditAction, string> = {
  'token.created': 'Token created',
  'token.renamed': 'Token renamed',
  'token.deleted': 'Token deleted',
  'token.rotated': 'Token rotated',
  'tokens.deleted_all': 'All tokens of a user deleted',
  'settings.changed': 'Settings changed',
  'failures.reset': 'Failed attempts reset',
};

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "6 months", "1 year", "2 years", "Never". */
export function validityLabel(validity: Validity): string {
  return VALIDITY_LABELS[validity];
}

/** "Read and write" or "Read only". */
export function scopeLabel(scope: TokenScope): string {
  return SCOPE_LABELS[scope];
}

/** The audit action in the admin guide's words. */
export function actionLabel(action: AuditAction): string {
  return ACTION_LABELS[action];
}

/** An ISO instant as "3 Mar 2025, 14:05 UTC"; null as the given fallback. */
export function formatTime(iso: string | null, fallback: string): string {
  if (iso === null) {
    return fallback;
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? fallback : `${DATE_TIME.format(time)} UTC`;
}

/** True when an effective expiry lies at or before `now` (a token is expired from that instant on). */
export function isPast(iso: string | null, now: number): boolean {
  return iso !== null && Date.parse(iso) <= now;
}
