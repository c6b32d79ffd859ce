/**
 * The values the @forge/kvs stores keep in each custom entity, and their conversion to and
 * from the records of src/core/types.ts. Entity attributes cannot hold null, so null fields
 * are left out and come back as null. A stored value that does not parse is treated as a
 * storage failure (StoreUnavailableError): callers fail closed rather than trust it.
 */
import { z } from 'zod';

import {
  AUDIT_ACTIONS,
  TOKEN_SCOPES,
  VALIDITY_OPTIONS,
  type AuditRecord,
  type FailedAttempt,
  type Settings,
  type TokenRecord,
} from '../../core/types';
import { StoreUnavailableError } from '../../ports';
import { listKey } from './kvs-keys';

const TOKEN_ITEM = z.object({
  id: z.string(),
  hash: z.string(),
  hint: z.string(),
  ownerId: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  createdAt: z.number(),
  createdBy: z.string(),
  expiresAt: z.number().optional(),
  lastUsedAt: z.number().optional(),
  lastUsedIp: z.string().optional(),
  /** lastUsedAt, or createdAt for a token never used: the "unused since" filter. */
  lastActivityAt: z.number(),
  listKey: z.string(),
});

export type TokenItem = z.infer<typeof TOKEN_ITEM>;

const AUDIT_ITEM = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string(),
  targetId: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS),
  tokenId: z.string().optional(),
  tokenName: z.string().optional(),
  actorIp: z.string().optional(),
  onBehalf: z.boolean(),
  changes: z
    .array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))
    .optional(),
  count: z.number().int().optional(),
  newTokenId: z.string().optional(),
  listKey: z.string(),
});

export type AuditItem = z.infer<typeof AUDIT_ITEM>;

const ATTEMPT_ITEM = z.object({ at: z.number(), ip: z.string(), accountId: z.string().optional() });

export type AttemptItem = z.infer<typeof ATTEMPT_ITEM>;

const SETTINGS_ITEM = z.object({
  maxValidity: z.enum(VALIDITY_OPTIONS),
  ipAllowlist: z.array(z.string()),
  trustedProxies: z.array(z.string()),
  passwordAuthEnabled: z.boolean(),
  adminsOnlyCreate: z.boolean(),
  usersMayUseAssignedTokens: z.boolean(),
  version: z.number().int().min(1),
});

export type SettingsItem = z.infer<typeof SETTINGS_ITEM>;

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StoreUnavailableError(`a stored ${what} is unreadable`);
  }
  return result.data;
}

/** Drops the keys whose value is null or undefined (entity attributes cannot hold null). */
function present<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

/** The stored value of a token. */
export function toTokenItem(token: TokenRecord): TokenItem {
  return present({
    ...token,
    lastActivityAt: token.lastUsedAt ?? token.createdAt,
    listKey: listKey(token.createdAt, token.id),
  }) as TokenItem;
}

/** The token a stored value holds. */
export function fromTokenItem(value: unknown): TokenRecord {
  const item = parsed(TOKEN_ITEM, value, 'token');
  return {
    id: item.id,
    hash: item.hash,
    hint: item.hint,
    ownerId: item.ownerId,
    name: item.name,
    scope: item.scope,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    expiresAt: item.expiresAt ?? null,
    lastUsedAt: item.lastUsedAt ?? null,
    lastUsedIp: item.lastUsedIp ?? null,
  };
}

/** The stored value of an audit record. */
export function toAuditItem(record: AuditRecord): AuditItem {
  return present({ ...record, listKey: listKey(record.at, record.id) }) as AuditItem;
}

/** The audit record a stored value holds. */
export function fromAuditItem(value: unknown): AuditRecord {
  const item = parsed(AUDIT_ITEM, value, 'audit record');
  const record: AuditRecord = {
    id: item.id,
    at: item.at,
    actorId: item.actorId,
    targetId: item.targetId ?? null,
    action: item.action,
    tokenId: item.tokenId ?? null,
    tokenName: item.tokenName ?? null,
    actorIp: item.actorIp ?? null,
    onBehalf: item.onBehalf,
  };
  return {
    ...record,
    ...present({ changes: item.changes, count: item.count, newTokenId: item.newTokenId }),
  };
}

/** The stored value of a failed attempt. */
export function toAttemptItem(attempt: FailedAttempt): AttemptItem {
  return present({ at: attempt.at, ip: attempt.ip, accountId: attempt.accountId }) as AttemptItem;
}

/** The failed attempt a stored value holds. */
export function fromAttemptItem(value: unknown): FailedAttempt {
  const item = parsed(ATTEMPT_ITEM, value, 'failed attempt');
  return { at: item.at, ip: item.ip, accountId: item.accountId ?? null };
}

/** The stored value of the settings (arrays copied, so callers cannot change it later). */
export function toSettingsItem(settings: Settings): SettingsItem {
  return {
    maxValidity: settings.maxValidity,
    ipAllowlist: [...settings.ipAllowlist],
    trustedProxies: [...settings.trustedProxies],
    passwordAuthEnabled: settings.passwordAuthEnabled,
    adminsOnlyCreate: settings.adminsOnlyCreate,
    usersMayUseAssignedTokens: settings.usersMayUseAssignedTokens,
    version: settings.version,
  };
}

/** The settings a stored value holds. */
export function fromSettingsItem(value: unknown): Settings {
  return toSettingsItem(parsed(SETTINGS_ITEM, value, 'settings'));
}
