/** Sizes and durations of a full run (`npm run bench`) and of the smoke run `npm test` makes. */
import type { MicroOptions } from './lib/micro';

export interface BenchConfig {
  ipMatch: {
    entries: number;
    probes: number;
    naiveProbes: number;
    repeatProbes: number;
    ours: MicroOptions;
    naive: MicroOptions;
  };
  verify: {
    small: number;
    large: number;
    owners: number;
    usable: number;
    rounds: number;
    micro: MicroOptions;
  };
  adminList: MicroOptions;
  forgeKvs: { tokens: number; requests: number; stepMs: number };
  gateway: {
    connections: number;
    warmupSeconds: number;
    roundSeconds: number;
    rounds: number;
    /** Tokens in the gateway's store (one of them is presented). */
    storedTokens: number;
  };
}

/** The sizes the targets are set for: 10,000 allowlist entries, 1,000 vs 100,000 tokens, 50 connections. */
export const FULL_CONFIG: BenchConfig = {
  ipMatch: {
    entries: 10_000,
    probes: 16_384,
    naiveProbes: 32,
    repeatProbes: 64,
    ours: { timeMs: 1000, warmupMs: 200, batch: 1 },
    naive: { timeMs: 500, warmupMs: 0, batch: 1, minSamples: 3 },
  },
  verify: {
    small: 1_000,
    large: 100_000,
    owners: 1_000,
    usable: 500,
    rounds: 7,
    micro: { timeMs: 400, warmupMs: 100, batch: 32 },
  },
  adminList: { timeMs: 1000, warmupMs: 200, batch: 1 },
  forgeKvs: { tokens: 10, requests: 1_000, stepMs: 60 },
  gateway: { connections: 50, warmupSeconds: 2, roundSeconds: 3, rounds: 11, storedTokens: 10_000 },
};

/** Tiny sizes: proves the bench code runs end to end and fills every field; times mean nothing. */
export const SMOKE_CONFIG: BenchConfig = {
  ipMatch: {
    entries: 200,
    probes: 64,
    naiveProbes: 8,
    repeatProbes: 8,
    ours: { timeMs: 20, warmupMs: 5, batch: 1, minSamples: 2 },
    naive: { timeMs: 20, warmupMs: 0, batch: 1, minSamples: 2 },
  },
  verify: {
    small: 50,
    large: 200,
    owners: 10,
    usable: 10,
    rounds: 1,
    micro: { timeMs: 20, warmupMs: 5, batch: 4, minSamples: 2 },
  },
  adminList: { timeMs: 20, warmupMs: 5, batch: 1, minSamples: 2 },
  forgeKvs: { tokens: 3, requests: 30, stepMs: 60 },
  gateway: { connections: 4, warmupSeconds: 0, roundSeconds: 1, rounds: 1, storedTokens: 100 },
};
