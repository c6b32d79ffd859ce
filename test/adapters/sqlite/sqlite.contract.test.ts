/** The SQLite stores pass the store contract, in memory and in a file, and fail closed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openSqliteStores } from '../../../src/adapters/local/sqlite';
import { describeStoreContract } from '../../contract/stores.contract';

describeStoreContract('SQLite in memory', async () => {
  const stores = openSqliteStores({ file: ':memory:' });
  return { stores, cleanup: async () => stores.close() };
});

describeStoreContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atat-sqlite-contract-'));
  const stores = openSqliteStores({ file: join(dir, 'store.db') });
  return {
    stores,
    cleanup: async () => {
      stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
