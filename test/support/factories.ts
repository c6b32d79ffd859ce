/** Record factories for tests: valid records with fixed times and unique ids, hashes and names. */
import { createHash } from 'node:crypto';

import type { AuditAction, AuditRecord, TokenRecord } from '../../src/core/types';

/** The fixed "now" of tests: 2025-06-01T12:00:00Z. */
export const FIXED_NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

let sequence = 0;

function nextSequence(): number {
  sequence += 1;
  return sequence;
}

function publicId(prefix: string, n: number): string {
  return `${prefix}T${String(n).padStart(21, '0')}`;
}

/** A stored token of `acc-alice`, created at FIXED_NOW, never used; fields overridable. */
export function tokenRecord(overrides: Partial<TokenRecord> = {}): TokenRecord {
  const n = nextSequence();
  return {
    id: publicId('tok_', n),
    hash: createHash('sha256').update(`test-token-${n}`).digest('hex'),
    hint: `atat_T${String(n % 1000).padStart(3, '0')}`,
    ownerId: 'acc-alice',
    name: `Token ${n}`,
    scope: 'read-write',
    createdAt: FIXED_NOW,
    createdBy: overrides.ownerId ?? 'acc-alice',
    expiresAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
    ...overrides,
  };
}

/** An audit record at FIXED_NOW by `acc-admin` about `acc-alice`; onBehalf follows actor ≠ target. */
export function auditRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  const n = nextSequence();
  const actorId = overrides.actorId ?? 'acc-admin';
  const targetId = overrides.targetId === undefined ? 'acc-alice' : overrides.targetId;
  return {
    id: publicId('aud_', n),
    at: FIXED_NOW,
    actorId,
    targetId,
    action: 'token.created',
    tokenId: null,
    tokenName: null,
    actorIp: '127.0.0.1',
    onBehalf: targetId !== null && targetId !== actorId,
    ...overrides,
  };
}

/** The audit record of `action` on `token`, made by its owner unless overridden. */
export function tokenAudit(
  token: TokenRecord,
  action: AuditAction,
  overrides: Partial<AuditRecord> = {},
): AuditRecord {
  return auditRecord({
    actorId: token.ownerId,
    targetId: token.ownerId,
    action,
    tokenId: token.id,
    tokenName: token.name,
    at: token.createdAt,
    ...overrides,
  });
}
