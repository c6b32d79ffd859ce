/**
 * Every store port on @forge/kvs, as one Stores bundle for createApp. The stores keep no
 * state across installations: @forge/kvs is scoped to the installation the function runs in.
 * They share one read batcher, so the token, the settings and the failure marker read at the
 * same moment cost one KVS call.
 */
import type { Stores } from '../../ports';
import { KvsAttemptStore, type KvsAttemptStoreOptions } from './kvs-attempt-store';
import { KvsAuditLog } from './kvs-audit-log';
import { KvsSettingsStore } from './kvs-settings-store';
import { KvsTokenStore } from './kvs-token-store';
import { FailureMarker } from './failure-marker';
import { KvsReadBatcher } from './kvs-read-batch';

export type KvsStoresOptions = KvsAttemptStoreOptions;

/** The token, settings, audit and failed-attempt stores on @forge/kvs. */
export function createKvsStores(options: KvsStoresOptions = {}): Stores {
  const now = options.now ?? Date.now;
  const reads = new KvsReadBatcher(now);
  return {
    tokens: new KvsTokenStore({ reads }),
    settings: new KvsSettingsStore({ reads }),
    audit: new KvsAuditLog(),
    attempts: new KvsAttemptStore({ ...options, marker: new FailureMarker(reads, now) }),
  };
}
