/**
 * Puts the in-memory @forge/kvs fake where `require('@forge/kvs')` finds it, before the Forge
 * stores load, so the benchmark runs them outside jest exactly as their tests do inside.
 */
import Module from 'node:module';

import type { Stores } from '../../src/ports';
import type { KvsCounts } from '../../test/support/fake-kvs';

export interface FakeKvs {
  /** Forge stores over the fake, freshly built (no instance caches), on the clock `now`. */
  openStores(now: () => number): Promise<Stores>;
  counts(): KvsCounts;
  /** How many requests the fake has logged so far (it keeps the latest 2000). */
  logged(): number;
  /** Reads logged after the first `from`, by entity (token, settings, …; `batch` for batch calls). */
  readsByEntity(from: number): Record<string, number>;
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
    openStores: async (now) => {
      const forge = await import('../../src/adapters/forge/stores');
      return forge.createKvsStores({ now });
    },
    counts: () => fake.kvsCounts(),
    logged: () => fake.kvsRequests().length,
    readsByEntity: (from) => tallyReads(fake.kvsRequests().slice(from)),
    resetCounts: () => fake.resetKvsCounts(),
    reset: () => fake.resetFakeKvs(),
  };
  return installed;
}

const READ_PATH = /\/(get|query)$/;

function tallyReads(requests: readonly { path: string; body: unknown }[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const request of requests) {
    if (!READ_PATH.test(request.path)) {
      continue;
    }
    const body = request.body as { entityName?: unknown } | undefined;
    const entity = request.path.endsWith('/batch/get')
      ? 'batch'
      : typeof body?.entityName === 'string'
        ? body.entityName
        : 'key-value';
    tally[entity] = (tally[entity] ?? 0) + 1;
  }
  return tally;
}
