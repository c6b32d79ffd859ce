/** The product's records and values, shared by the core, the services and every adapter. */

/** Token validity options, shortest first (admin guide: "Token Validity Time"). */
export const VALIDITY_OPTIONS = ['6m', '1y', '2y', 'never'] as const;
export type Validity = (typeof VALIDITY_OPTIONS)[number];

export const TOKEN_SCOPES = ['read-write', 'read-only'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A stored token. Never leaves the server as it is: see PublicToken. Times are epoch ms. */
export interface TokenRecord {
  id: string;
  hash: string;
  hint: string;
  ownerId: string;
  name: string;
  scope: TokenScope;
  createdAt: number;
  createdBy: string;
  /** null: the token never expires. */
  expiresAt: number | null;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
}

/** The one public shape of a token (DESIGN.md §4); times as ISO 8601 UTC. */
export interface PublicToken {
  id: string;
  name: string;
  hint: string;
  scope: TokenScope;
  ownerId: string;
  createdAt: string;
  createdBy: string;
  /** Effective expiry (capped by the current maximum validity); null = never. */
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
}

/** System-wide settings (DESIGN.md §4, settings object). */
export interface Settings {
  maxValidity: Validity;
  ipAllowlist: string[];
  trustedProxies: string[];
  passwordAuthEnabled: boolean;
  adminsOnlyCreate: boolean;
  usersMayUseAssignedTokens: boolean;
  version: number;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  maxValidity: 'never',
  ipAllowlist: [],
  trustedProxies: [],
  passwordAuthEnabled: true,
  adminsOnlyCreate: false,
  usersMayUseAssignedTokens: true,
  version: 1,
}) as Settings;

/** A person of the product, as the directory knows them. */
export interface User {
  accountId: string;
  username: string;
  displayName: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
}

export const AUDIT_ACTIONS = [
  'token.created',
  'token.renamed',
  'token.deleted',
  'token.rotated',
  'tokens.deleted_all',
  'settings.changed',
  'failures.reset',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One field of a settings change, before and after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** An audit record: append-only, never holds a secret or a hash. */
export interface AuditRecord {
  id: string;
  at: number;
  actorId: string;
  targetId: string | null;
  action: AuditAction;
  tokenId: string | null;
  tokenName: string | null;
  actorIp: string | null;
  onBehalf: boolean;
  /** Settings changes; count of deleted tokens; the rotated token's new id. */
  changes?: FieldChange[];
  count?: number;
  newTokenId?: string;
}

/** One failed authentication attempt, kept for the failed-attempt policy. */
export interface FailedAttempt {
  at: number;
  ip: string;
  /** The account the credential named, when it named a known user. */
  accountId: string | null;
}

/** Stable error and refusal codes (DESIGN.md §3); the HTTP mapping lives in one place. */
export const ERROR_CODES = [
  'UNAVAILABLE',
  'IP_NOT_ALLOWED',
  'AUTH_REQUIRED',
  'BAD_CREDENTIALS',
  'TOO_MANY_FAILURES',
  'PASSWORD_AUTH_DISABLED',
  'TOKEN_EXPIRED',
  'TOKEN_USE_RESTRICTED',
  'READ_ONLY_TOKEN',
  'TOKEN_CREATION_RESTRICTED',
  'ADMIN_REQUIRED',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'NAME_TAKEN',
  'CSRF_REJECTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field-level reason for a 400. */
export interface FieldError {
  field: string;
  reason: string;
}
