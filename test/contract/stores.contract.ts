/**
 * The store contract: every store adapter (SQLite, @forge/kvs) runs this suite so both behave
 * the same. Each test gets fresh, empty stores from the factory and cleans them up after.
 */
import { describeAttemptStoreContract } from './attempt-store.contract';
import { describeAuditLogContract } from './audit-log.contract';
import type { StoreFactory } from './harness';
import { describeRevokedTokenContract } from './revoked-token.contract';
import { describeSettingsStoreContract } from './settings-store.contract';
import { describeTokenExpiryFilterContract } from './token-expiry-filter.contract';
import { describeTokenListContract } from './token-list.contract';
import { describeTokenRemovalContract } from './token-removal.contract';
import { describeTokenStoreContract } from './token-store.contract';

export type { StoreFactory, StoreFixture } from './harness';

/** Registers the whole store contract for the adapter `name`. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    describeTokenStoreContract(factory);
    describeTokenRemovalContract(factory);
    describeRevokedTokenContract(factory);
    describeTokenListContract(factory);
    describeTokenExpiryFilterContract(factory);
    describeSettingsStoreContract(factory);
    describeAuditLogContract(factory);
    describeAttemptStoreContract(factory);
  });
}
