/**
 * Every store port on @forge/kvs, as one Stores bundle for createApp. The stores keep no
 * state across installations: @forge/kvs is scoped to the installation the function runs in.
 */
import type { Stores } from '../../ports';
import { KvsAttemptStore, type KvsAttemptStoreOptions } from './kvs-attempt-store';
import { KvsAuditLog } from './kvs-audit-log';
import { KvsSettingsStore } from './kvs-settings-store';
import { KvsTokenStore } from './kvs-token-store';

export type KvsStoresOptions = KvsAttemptStoreOptions;

/** The token, settings, audit and failed-attempt stores on @forge/kvs. */
export function createKvsStores(options: KvsStoresOptions = {}): Stores {
  return {
    tokens: new KvsTokenStore(),
    settings: new KvsSettingsStore(),
    audit: new KvsAuditLog(),
    attempts: new KvsAttemptStore(options),
  };
}
