/**
 * The operations of the app, shared by every entry point: the REST API (/api/v1), the Forge
 * resolvers and the local bridge endpoint that the pages call. Each operation takes a plain
 * payload and the caller, validates, authorises, calls a service and returns an
 * OperationResult; the entry points only map transport to and from these shapes.
 */
import type { PublicAuditRecordLike } from '../core/audit';
import type {
  AuditAction,
  ErrorCode,
  FieldError,
  PublicToken,
  Settings,
  TokenScope,
  Validity,
} from '../core/types';

export type { PublicToken, Settings, TokenScope, Validity } from '../core/types';

/** Who is calling, as the entry point established it. */
export interface Caller {
  accountId: string;
  /** The client address the app sees; null under Forge resolvers (no address there). */
  clientIp: string | null;
  requestId: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  details?: FieldError[];
  /** VERSION_CONFLICT on saveSettings: the settings as they are stored now. */
  current?: Settings;
}

export type OperationResult<T> =
  { ok: true; status: number; data: T } | { ok: false; status: number; error: ErrorBody };

export interface UserSummary {
  accountId: string;
  username: string;
  displayName: string;
  email: string;
}

export interface Me extends UserSummary {
  isAdmin: boolean;
  canCreateTokens: boolean;
  validityOptions: Validity[];
  maxValidity: Validity;
  clientIp: string | null;
  /** Settings a regular user's page needs to explain itself. */
  adminsOnlyCreate: boolean;
}

export interface CreatedToken extends PublicToken {
  /** The secret: returned once, here, and never again. */
  token: string;
}

export interface AdminTokenRow extends PublicToken {
  owner: UserSummary;
}

/** An audit record as the API returns it: the core's exported shape, people as summaries. */
export interface PublicAuditRecord extends Omit<PublicAuditRecordLike, 'actor' | 'target'> {
  actor: UserSummary | { accountId: string };
  target: UserSummary | { accountId: string } | null;
}

export interface FailureSummary {
  accountId: string | null;
  ip: string;
  count: number;
  lastAt: string;
  locked: boolean;
}

/** Payload and result of each operation, by its function key. */
export interface Operations {
  getMe: { input: Record<string, never>; output: Me };
  listTokens: { input: { user?: string }; output: { tokens: PublicToken[] } };
  createToken: {
    input: { name: string; validity: Validity; scope?: TokenScope; user?: string };
    output: CreatedToken;
  };
  renameToken: { input: { id: string; name: string }; output: PublicToken };
  rotateToken: { input: { id: string }; output: CreatedToken };
  deleteToken: { input: { id: string }; output: null };
  deleteUserTokens: { input: { user: string }; output: { deleted: number } };
  listAllTokens: {
    input: {
      user?: string;
      expiringWithinDays?: number;
      unusedForDays?: number;
      limit?: number;
      cursor?: string;
    };
    output: { tokens: AdminTokenRow[]; nextCursor?: string };
  };
  getSettings: { input: Record<string, never>; output: Settings };
  saveSettings: { input: Settings; output: Settings };
  checkIp: {
    input: { ip: string };
    output: { ip: string; allowed: boolean; matchedEntry: string | null };
  };
  listAudit: {
    input: {
      limit?: number;
      cursor?: string;
      actor?: string;
      target?: string;
      action?: AuditAction;
    };
    output: { records: PublicAuditRecord[]; nextCursor?: string };
  };
  exportAuditCsv: {
    input: { actor?: string; target?: string; action?: AuditAction };
    output: { csv: string };
  };
  listFailures: {
    input: Record<string, never>;
    output: { windowMinutes: number; limit: number; failures: FailureSummary[] };
  };
  getUserFailures: {
    input: { user: string };
    output: { user: UserSummary; windowMinutes: number; limit: number; failures: FailureSummary[] };
  };
  resetUserFailures: { input: { user: string }; output: { removed: number } };
  searchUsers: { input: { query: string }; output: { users: UserSummary[] } };
}

export type OperationKey = keyof Operations;
