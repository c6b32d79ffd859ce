/**
 * Puts the in-memory @forge/kvs fake where `require('@forge/kvs')` finds it, before the Forge
 * stores load, so the benchmark runs them outside jest exactly as their tests do inside.
 */
import Module from 'node:module';

import type { Stores } from '../../src/ports';
import type { KvsCounts } from '../../test/support/fake-kvs';

export interface FakeKvs {
  /** Forge stores over the fake, freshly built (no instance caches). */
  openStores(): Promise<Stores>;
  counts(): KvsCounts;
  resetCounts(): void;
  /** Empties the fake store. */
  reset(): void;
}

let installed: FakeKvs | null = null;

/** Installs the fake once per process and returns its controls. */
export async function installFakeKvs(): Promise<FakeKvs> {
  if (installed !== null) {
    return installed;
  }
  // Imported lazily: the fake must be in the module cache before any Forge store is loaded.
  const fake = await import('../../test/support/fake-kvs');
  const id = require.resolve('@forge/kvs');
  const entry = new Module(id);
  entry.filename = id;
  entry.loaded = true;
  entry.exports = fake.fakeKvsModule;
  require.cache[id] = entry;

  installed = {
    openStores: async () => {
      const forge = await import('../../src/adapters/forge/stores');
      return forge.createKvsStores();
    },
    counts: () => fake.kvsCounts(),
    resetCounts: () => fake.resetKvsCounts(),
    reset: () => fake.resetFakeKvs(),
  };
  return installed;
}
