/**
 * The SQLite schema as ordered migrations: entry i brings a database from user_version i to
 * i + 1. Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: tokens, settings, the append-only audit log and failed attempts.
  `
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER,
    last_used_ip TEXT,
    CONSTRAINT tokens_owner_name UNIQUE (owner_id, name_key)
  );
  CREATE INDEX tokens_newest ON tokens (created_at, id);
  CREATE INDEX tokens_owner_newest ON tokens (owner_id, created_at, id);
  CREATE INDEX tokens_expiring ON tokens (expires_at) WHERE expires_at IS NOT NULL;
  CREATE INDEX tokens_last_used ON tokens (last_used_at);

  CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    version INTEGER NOT NULL
  );

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    at INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    target_id TEXT,
    action TEXT NOT NULL,
    token_id TEXT,
    token_name TEXT,
    actor_ip TEXT,
    on_behalf INTEGER NOT NULL,
    extra TEXT
  );
  CREATE INDEX audit_newest ON audit (at, seq);
  CREATE INDEX audit_by_actor ON audit (actor_id, at, seq);
  CREATE INDEX audit_by_target ON audit (target_id, at, seq);
  CREATE INDEX audit_by_action ON audit (action, at, seq);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE failed_attempts (
    at INTEGER NOT NULL,
    ip TEXT NOT NULL,
    account_id TEXT
  );
  CREATE INDEX failed_attempts_by_ip ON failed_attempts (ip, at);
  CREATE INDEX failed_attempts_by_user ON failed_attempts (account_id, ip, at);
  CREATE INDEX failed_attempts_by_time ON failed_attempts (at);
  `,
  // 2: "unused since" filters on the last activity (last use, else creation) through one index.
  `
  CREATE INDEX tokens_last_activity ON tokens (COALESCE(last_used_at, created_at));
  DROP INDEX tokens_last_used;
  `,
  // 3: revoked (deleted or rotated-away) tokens, remembered by hash so a client still presenting
  // one is told it expired; pruned by age.
  `
  CREATE TABLE revoked_tokens (
    hash TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    token_id TEXT NOT NULL,
    revoked_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX revoked_tokens_by_time ON revoked_tokens (revoked_at);
  `,
];
