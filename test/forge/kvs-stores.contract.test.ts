/** The store contract suite, run against the @forge/kvs stores over the in-memory fake KVS. */
import { createKvsStores } from '../../src/adapters/forge/stores';
import { describeStoreContract } from '../contract/stores.contract';
import { resetFakeKvs } from '../support/fake-kvs';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

describeStoreContract('@forge/kvs', async () => {
  resetFakeKvs();
  return { stores: createKvsStores(), cleanup: async () => resetFakeKvs() };
});
