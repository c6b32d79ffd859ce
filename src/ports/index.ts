/**
 * The interfaces the services need from the outside world. Every store adapter (SQLite locally,
 * @forge/kvs under Forge) implements them and passes the same contract suite
 * (test/contract/stores.contract.ts).
 *
 * Rules every store keeps:
 * - a method that changes tokens or settings takes the audit record of that change and writes
 *   both or neither (a change never lands without its record);
 * - a failure of the underlying storage throws (StoreUnavailableError where it can tell);
 *   callers fail closed;
 * - token names are unique per owner, compared case-insensitively (NameTakenError).
 */
import type {
  AuditAction,
  AuditRecord,
  FailedAttempt,
  Settings,
  TokenRecord,
  User,
  Validity,
} from '../core/types';

/** Storage did not answer or failed: the caller must refuse, never allow. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** Another token of the same owner already has this name (case-insensitive). */
export class NameTakenError extends Error {
  override name = 'NameTakenError';
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export interface AdminTokenQuery {
  ownerId?: string;
  /**
   * Tokens that expire before this instant (epoch ms): by the stored expiresAt, or, when
   * `maxValidity` is given, by the effective expiry min(expiresAt, createdAt + maxValidity).
   * Tokens that never expire are left out.
   */
  expiresBefore?: number;
  /** The maximum validity that caps stored expiries in the `expiresBefore` filter. */
  maxValidity?: Validity;
  /** Tokens last used before this instant, or never used and created before it (epoch ms). */
  unusedSince?: number;
  limit: number;
  cursor?: string;
}

/** What is remembered of a deleted or rotated-away token, keyed by its hash (never the secret). */
export interface RevokedToken {
  ownerId: string;
  tokenId: string;
  /** When it was revoked: the `at` of the deletion's or rotation's audit record. */
  revokedAt: number;
}

/**
 * Every method that removes tokens (delete, deleteByOwner, replace) also remembers each removed
 * token as revoked (findRevoked), in the same transaction as the removal, at the audit record's
 * `at`: a client still presenting it is told the token expired, not that its password is wrong.
 */
export interface TokenStore {
  /** Stores a new token and its audit record. Throws NameTakenError. */
  create(token: TokenRecord, audit: AuditRecord): Promise<void>;
  /** One keyed read: the token whose SHA-256 is `hash`, or null. */
  findByHash(hash: string): Promise<TokenRecord | null>;
  findById(id: string): Promise<TokenRecord | null>;
  /** All tokens of one owner, oldest first. */
  listByOwner(ownerId: string): Promise<TokenRecord[]>;
  /** Every owner's tokens, newest first, filtered and paged. */
  listAll(query: AdminTokenQuery): Promise<Page<TokenRecord>>;
  /** Renames; returns false when the token does not exist. Throws NameTakenError. */
  rename(id: string, name: string, audit: AuditRecord): Promise<boolean>;
  /** Deletes one token; returns false (and writes no record) when it did not exist. */
  delete(id: string, audit: AuditRecord): Promise<boolean>;
  /** Deletes every token of one owner; returns how many. The record is written even for 0. */
  deleteByOwner(ownerId: string, audit: AuditRecord): Promise<number>;
  /** Replaces `oldId` by `next` at once (rotation); false when `oldId` no longer exists. */
  replace(oldId: string, next: TokenRecord, audit: AuditRecord): Promise<boolean>;
  /** Records the last use (throttled by the caller); no audit record. */
  touch(id: string, at: number, ip: string | null): Promise<void>;
  /** Number of stored tokens (health and benchmarks). */
  count(): Promise<number>;
  /** One keyed read: the revoked token whose SHA-256 is `hash`, or null. */
  findRevoked(hash: string): Promise<RevokedToken | null>;
  /** Forgets tokens revoked before `before` (epoch ms); returns how many. */
  pruneRevoked(before: number): Promise<number>;
}

export type SaveSettingsResult =
  { ok: true; settings: Settings } | { ok: false; current: Settings };

export interface SettingsStore {
  /** The stored settings, or the defaults when none were ever saved. */
  get(): Promise<Settings>;
  /**
   * Saves when the stored version equals `expectedVersion`; the saved settings get
   * version + 1. A stale version changes nothing and returns the current settings.
   */
  save(
    next: Omit<Settings, 'version'>,
    expectedVersion: number,
    audit: AuditRecord,
  ): Promise<SaveSettingsResult>;
}

export interface AuditQuery {
  actorId?: string;
  targetId?: string;
  action?: AuditAction;
  limit: number;
  cursor?: string;
}

export interface AuditLog {
  /** Appends a record that belongs to no token or settings change (e.g. failures.reset). */
  append(record: AuditRecord): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<Page<AuditRecord>>;
}

/** How many failures fall in a window, and when the oldest of them happened (for Retry-After). */
export interface AttemptWindow {
  count: number;
  oldestAt: number | null;
}

export interface AttemptStore {
  record(attempt: FailedAttempt): Promise<void>;
  /** Failures from `ip` at or after `since`. */
  countByIp(ip: string, since: number): Promise<AttemptWindow>;
  /** Failures naming `accountId` from `ip` at or after `since`. */
  countByUserAtIp(accountId: string, ip: string, since: number): Promise<AttemptWindow>;
  /** Failures naming `accountId` at or after `since`, grouped by address. */
  listByUser(
    accountId: string,
    since: number,
  ): Promise<{ ip: string; count: number; lastAt: number }[]>;
  /** Removes every failure naming `accountId`, wherever it came from; returns how many. */
  resetUser(accountId: string): Promise<number>;
  /** Failures at or after `since`, newest first, at most `limit` (the admin's overview). */
  listSince(since: number, limit: number): Promise<FailedAttempt[]>;
  /** Drops failures older than `before`; returns how many. */
  prune(before: number): Promise<number>;
  /**
   * Optional, for stores that answer counts from a per-instance view of recent failures
   * (Forge): starts bringing it up to date for a window from `since`, so that its read goes out
   * with the other reads of the moment. Never rejects: a failure shows in the next count.
   * Settles when the refresh is done (a request waits for it before it answers).
   */
  refresh?(since: number): Promise<void>;
}

export interface Directory {
  /** A user by username, email or accountId (case-insensitive for username and email). */
  findUser(ref: string): Promise<User | null>;
  getUser(accountId: string): Promise<User | null>;
  /** Users whose username, display name or email contains `query`; at most `limit`. */
  searchUsers(query: string, limit: number): Promise<User[]>;
}

/** The product's own password check (local runtime: the users file). */
export interface PasswordVerifier {
  /** The user when `password` is theirs and they are active, else null. */
  verifyPassword(ref: string, password: string): Promise<User | null>;
}

export interface UpstreamRequest {
  method: string;
  /** Path and query string as received, e.g. /rest/api/2/myself?expand=groups */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer | null;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Where an allowed REST request goes: the product, as the token's owner. */
export interface Upstream {
  /** `as`: forward as that user; null: pass the request's own credentials on unchanged. */
  forward(request: UpstreamRequest, as: User | null): Promise<UpstreamResponse>;
}

export interface Clock {
  now(): number;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything the services need, bundled by each runtime. */
export interface Stores {
  tokens: TokenStore;
  settings: SettingsStore;
  audit: AuditLog;
  attempts: AttemptStore;
}
