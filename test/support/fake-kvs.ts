/**
 * An in-memory stand-in for `@forge/kvs`, for tests and benchmarks:
 *
 *   jest.mock('@forge/kvs', () => require('../support/fake-kvs').fakeKvsModule);
 *
 * The real @forge/kvs client code runs (query and transaction builders, error handling); only
 * the HTTP calls it would make to the platform are answered here, by an engine that enforces
 * the platform's rules: key pattern and length, 240 KiB values, entities and indexes as
 * declared in manifest.yml, at most 20 records a page, 25 keys a batch, 25 operations a
 * transaction. It counts reads and writes (`kvsCounts`) and can simulate an outage (`failKvs`).
 */
import type { APIResponse, FetchMethod } from '@forge/api';
import { FilterConditions, WhereConditions } from '@forge/kvs/out/conditions';
import { FilterBuilder } from '@forge/kvs/out/entity-query';
import { ForgeKvsAPIError, ForgeKvsError } from '@forge/kvs/out/errors';
import { MetadataField, Sort } from '@forge/kvs/out/interfaces/types';
import { KvsImpl } from '@forge/kvs/out/kvs';
import { StorageApi } from '@forge/kvs/out/storage-api';

import { KvsEngine } from '../forge/support/kvs-engine';
import { KvsFakeError } from '../forge/support/kvs-rules';
import { loadManifestEntities } from '../forge/support/kvs-schema';

export { KVS_LIMITS } from '../forge/support/kvs-rules';

/** Requests made since the last reset. Transactions and batches count once, as on Forge. */
export interface KvsCounts {
  reads: number;
  writes: number;
  /** Forge meters in 10 KB units: a 25 KB answer costs 3. */
  readUnits: number;
  writeUnits: number;
  byPath: Record<string, number>;
}

export interface KvsRequestLog {
  path: string;
  body: unknown;
}

export interface KvsFailure {
  /** How many requests fail (default: every request until restoreKvs). */
  times?: number;
  /** How many matching requests succeed before the failures start (default 0). */
  skip?: number;
  status?: number;
  code?: string;
  /** Only requests whose path matches fail (default: all). */
  paths?: RegExp;
}

const READ_PATHS = /\/(get|query)$/;
const UNIT_BYTES = 10 * 1024;
const MAX_LOGGED_REQUESTS = 2000;

const engine = new KvsEngine(loadManifestEntities(), () => Date.now());
let counts: KvsCounts = emptyCounts();
let failure: (Required<Omit<KvsFailure, 'times'>> & { times: number }) | null = null;
const requestLog: KvsRequestLog[] = [];

function emptyCounts(): KvsCounts {
  return { reads: 0, writes: 0, readUnits: 0, writeUnits: 0, byPath: {} };
}

function units(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}

function count(path: string, requestBytes: number, answerBytes: number): void {
  counts.byPath[path] = (counts.byPath[path] ?? 0) + 1;
  if (READ_PATHS.test(path)) {
    counts.reads += 1;
    counts.readUnits += units(answerBytes);
  } else {
    counts.writes += 1;
    counts.writeUnits += units(requestBytes);
  }
}

function respond(status: number, text: string): APIResponse {
  const headers = new Map<string, string>([['content-type', 'application/json']]);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status < 300 ? 'OK' : 'Error',
    headers: {
      get: (name) => headers.get(name.toLowerCase()) ?? null,
      has: (name) => headers.has(name.toLowerCase()),
      set: (name, value) => void headers.set(name.toLowerCase(), value),
      append: (name, value) => void headers.set(name.toLowerCase(), value),
      delete: (name) => void headers.delete(name.toLowerCase()),
      forEach: (callback) => headers.forEach((value, key) => callback(value, key)),
    },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
  };
}

function injectedFailure(path: string): APIResponse | null {
  if (failure === null || !failure.paths.test(path)) {
    return null;
  }
  if (failure.skip > 0) {
    failure.skip -= 1;
    return null;
  }
  failure.times -= 1;
  const answer = respond(
    failure.status,
    JSON.stringify({ code: failure.code, message: 'injected' }),
  );
  if (failure.times <= 0) {
    failure = null;
  }
  return answer;
}

const fakeFetch: FetchMethod = async (path, init) => {
  const requestText = typeof init?.body === 'string' ? init.body : '';
  const body: unknown = requestText === '' ? undefined : JSON.parse(requestText);
  requestLog.push({ path, body });
  if (requestLog.length > MAX_LOGGED_REQUESTS) {
    requestLog.shift();
  }
  const failed = injectedFailure(path);
  if (failed !== null) {
    return failed;
  }
  try {
    const answer = engine.handle(path, body);
    const text = answer === undefined ? '' : JSON.stringify(answer);
    count(path, Buffer.byteLength(requestText), Buffer.byteLength(text));
    return respond(answer === undefined ? 204 : 200, text);
  } catch (error) {
    if (error instanceof KvsFakeError) {
      // A refused call (a missing key, a failed condition) still costs the installation a call.
      const text = JSON.stringify({ code: error.code, message: error.message });
      count(path, Buffer.byteLength(requestText), Buffer.byteLength(text));
      return respond(error.status, text);
    }
    throw error;
  }
};

/** The fake's `kvs` object: the real client over the in-memory engine. */
export const kvs = new KvsImpl(new StorageApi(fakeFetch));

/** What `jest.mock('@forge/kvs', …)` should return. */
export const fakeKvsModule = {
  __esModule: true,
  kvs,
  default: kvs,
  WhereConditions,
  FilterConditions,
  Filter: FilterBuilder,
  Sort,
  MetadataField,
  ForgeKvsError,
  ForgeKvsAPIError,
};

/** Reads and writes since the last reset. */
export function kvsCounts(): KvsCounts {
  return { ...counts, byPath: { ...counts.byPath } };
}

/** Starts counting from zero. */
export function resetKvsCounts(): void {
  counts = emptyCounts();
}

/** The requests made since the last reset (the most recent 2000). */
export function kvsRequests(): readonly KvsRequestLog[] {
  return [...requestLog];
}

/** Makes requests fail as the platform fails when it is unavailable (default: 503). */
export function failKvs(options: KvsFailure = {}): void {
  failure = {
    times: options.times ?? Number.POSITIVE_INFINITY,
    skip: options.skip ?? 0,
    status: options.status ?? 503,
    code: options.code ?? 'SERVICE_UNAVAILABLE',
    paths: options.paths ?? /./,
  };
}

/** Ends a simulated outage. */
export function restoreKvs(): void {
  failure = null;
}

/** Empties the store, the counters, the request log and any simulated outage. */
export function resetFakeKvs(): void {
  engine.clear();
  resetKvsCounts();
  requestLog.length = 0;
  failure = null;
}
