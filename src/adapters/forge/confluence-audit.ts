/**
 * On Confluence, every audit record the app writes also goes to Confluence's own audit log
 * (POST /wiki/rest/api/audit, as the app), where site admins already look. Jira Cloud has no
 * API to write its audit log, so under Jira the app's own log is the record.
 *
 * The stores are wrapped: once a change and its record are stored, the record is published.
 * The app's own log stays the record of truth: when Confluence does not take a record, the
 * change stands and the failure is logged (record id and action, nothing more).
 */
import { route } from '@forge/api';

import type { AuditAction, AuditRecord } from '../../core/types';
import type { AuditLog, Logger, SettingsStore, Stores, TokenStore } from '../../ports';
import { requestProduct } from './product-api';

const CATEGORY = 'API Token Authentication';

const SUMMARIES: Record<AuditAction, string> = {
  'token.created': 'API token created',
  'token.renamed': 'API token renamed',
  'token.deleted': 'API token deleted',
  'token.rotated': 'API token rotated',
  'tokens.deleted_all': 'All API tokens of a user deleted',
  'settings.changed': 'API token settings changed',
  'failures.reset': 'Failed API token attempts reset',
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** The Confluence audit record for one of the app's records (no secret, no hash: it has none). */
export function confluenceAuditBody(record: AuditRecord): Record<string, unknown> {
  const details = [
    `Actor: ${record.actorId}`,
    record.targetId === null ? null : `User: ${record.targetId}`,
    record.tokenId === null ? null : `Token id: ${record.tokenId}`,
    record.newTokenId === undefined ? null : `New token id: ${record.newTokenId}`,
    record.count === undefined ? null : `Tokens deleted: ${record.count}`,
    record.onBehalf ? 'On behalf of another user' : null,
  ].filter((line): line is string => line !== null);
  return {
    author: { type: 'user', displayName: record.actorId },
    remoteAddress: record.actorIp ?? 'unknown',
    creationDate: record.at,
    summary: SUMMARIES[record.action],
    description: details.join('\n'),
    category: CATEGORY,
    sysAdmin: record.action === 'settings.changed',
    affectedObject: {
      name: record.tokenName ?? record.targetId ?? 'System-wide settings',
      objectType: record.tokenId === null ? 'API Token Authentication' : 'API token',
    },
    changedValues: (record.changes ?? []).map((change) => ({
      name: change.field,
      oldValue: text(change.before),
      newValue: text(change.after),
    })),
    associatedObjects: [],
  };
}

/** Publishes records to Confluence's audit log; never throws. */
export class ConfluenceAuditSink {
  constructor(private readonly logger: Logger) {}

  async publish(record: AuditRecord): Promise<void> {
    try {
      const response = await requestProduct(
        'confluence',
        { kind: 'app' },
        route`/wiki/rest/api/audit`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(confluenceAuditBody(record)),
        },
      );
      if (!response.ok) {
        this.logger.warn('Confluence audit log refused a record', {
          auditId: record.id,
          action: record.action,
          status: response.status,
        });
      }
    } catch (error) {
      this.logger.warn('Confluence audit log did not answer', {
        auditId: record.id,
        action: record.action,
        error: error instanceof Error ? error.name : 'error',
      });
    }
  }
}

type Publish = <T>(result: T, record: AuditRecord, stored: boolean) => Promise<T>;

function publishing(sink: ConfluenceAuditSink): Publish {
  return async (result, record, stored) => {
    if (stored) {
      await sink.publish(record);
    }
    return result;
  };
}

function publishingTokens(base: TokenStore, published: Publish): TokenStore {
  return {
    create: async (token, audit) => published(await base.create(token, audit), audit, true),
    findByHash: (hash) => base.findByHash(hash),
    findById: (id) => base.findById(id),
    listByOwner: (ownerId) => base.listByOwner(ownerId),
    listAll: (query) => base.listAll(query),
    rename: async (id, name, audit) => {
      const renamed = await base.rename(id, name, audit);
      return published(renamed, audit, renamed);
    },
    delete: async (id, audit) => {
      const deleted = await base.delete(id, audit);
      return published(deleted, audit, deleted);
    },
    deleteByOwner: async (ownerId, audit) =>
      published(await base.deleteByOwner(ownerId, audit), audit, true),
    replace: async (oldId, next, audit) => {
      const replaced = await base.replace(oldId, next, audit);
      return published(replaced, audit, replaced);
    },
    touch: (id, at, ip) => base.touch(id, at, ip),
    count: () => base.count(),
    findRevoked: (hash) => base.findRevoked(hash),
    pruneRevoked: (before) => base.pruneRevoked(before),
  };
}

/** `stores` whose every stored audit record is also published to Confluence. */
export function withConfluenceAudit(stores: Stores, sink: ConfluenceAuditSink): Stores {
  const published = publishing(sink);
  const settings: SettingsStore = {
    get: () => stores.settings.get(),
    save: async (next, expectedVersion, audit) => {
      const result = await stores.settings.save(next, expectedVersion, audit);
      return published(result, audit, result.ok);
    },
  };
  const audit: AuditLog = {
    append: async (record) => published(await stores.audit.append(record), record, true),
    list: (query) => stores.audit.list(query),
  };
  return {
    tokens: publishingTokens(stores.tokens, published),
    settings,
    audit,
    attempts: stores.attempts,
  };
}
