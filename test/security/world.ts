/**
 * A real local server on 127.0.0.1 for the security suite, built from the production server
 * code over parts the tests control: SQLite stores behind the fault-injecting wrapper, the fake
 * directory (also behind it), a settable clock, a logger that keeps every raw field, and an
 * in-process upstream that records what the gateway forwarded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/adapters/local/server';
import { openSqliteStores, type SqliteStores } from '../../src/adapters/local/sqlite';
import { createApp, type App } from '../../src/app/app';
import type {
  Caller,
  CreatedToken,
  OperationKey,
  OperationResult,
  Operations,
} from '../../src/app/contract';
import type { FailurePolicy } from '../../src/core/failed-attempts';
import type { Settings, User } from '../../src/core/types';
import type { Logger, Upstream, UpstreamRequest } from '../../src/ports';
import { createFakeDirectory, FAKE_USERS, type FakeDirectory } from '../support/fake-directory';
import { FIXED_NOW } from '../support/factories';
import {
  createFaultController,
  faultyDirectory,
  faultyStores,
  type FaultController,
} from '../support/faulty-stores';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export interface SettableClock {
  now(): number;
  set(at: number): void;
  advance(ms: number): void;
}

export interface ForwardedCall {
  request: UpstreamRequest;
  as: User | null;
}

export interface WorldOptions {
  failurePolicy?: FailurePolicy;
  /** Keep the database in a file (for a second connection); default ':memory:'. */
  onDisk?: boolean;
}

export interface World {
  baseUrl: string;
  app: App;
  server: FastifyInstance;
  /** The real stores, bypassing the fault wrapper: for checking what was stored. */
  stores: SqliteStores;
  /** The database file, when onDisk. */
  dbFile: string | null;
  faults: FaultController;
  clock: SettableClock;
  directory: FakeDirectory;
  logs: LogEntry[];
  forwarded: ForwardedCall[];
  /** Runs an operation in-process as `username` (from 127.0.0.1). */
  run<K extends OperationKey>(
    username: string,
    key: K,
    input: unknown,
  ): Promise<OperationResult<Operations[K]['output']>>;
  /** A new token of `username` made in-process (throws when refused). */
  token(
    username: string,
    input?: Partial<Operations['createToken']['input']>,
  ): Promise<CreatedToken>;
  /** Saves a settings change in-process as admin (throws when refused). */
  configure(change: Partial<Omit<Settings, 'version'>>): Promise<Settings>;
  close(): Promise<void>;
}

/** The account id of a fake user. */
export function accountOf(username: string): string {
  return FAKE_USERS.find((user) => user.username === username)?.accountId ?? `acc-${username}`;
}

/** The caller `username` as the REST API would establish them from 127.0.0.1. */
export function callerOf(username: string, clientIp: string | null = '127.0.0.1'): Caller {
  return { accountId: accountOf(username), clientIp, requestId: 'req-security' };
}

function settableClock(): SettableClock {
  let at = FIXED_NOW;
  return { now: () => at, set: (next) => void (at = next), advance: (ms) => void (at += ms) };
}

function capturingLogger(logs: LogEntry[]): Logger {
  return {
    info: (message, fields) => void logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => void logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => void logs.push({ level: 'error', message, fields }),
  };
}

/** An upstream that answers who it was told the caller is, and remembers each call. */
function recordingUpstream(forwarded: ForwardedCall[]): Upstream {
  return {
    async forward(request, as) {
      forwarded.push({ request, as });
      const body = Buffer.from(JSON.stringify({ name: as?.username ?? null }));
      // The product's own banners, which the gateway must not pass on.
      const headers = {
        'content-type': 'application/json',
        server: 'product-server/1.0',
        'x-powered-by': 'product-framework',
      };
      return { status: 200, headers, body };
    },
  };
}

/** Starts a world; always close() it. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ata-security-'));
  const dbFile = options.onDisk === true ? path.join(dir, 'app.db') : null;
  const stores = openSqliteStores({ file: dbFile ?? ':memory:' });
  const faults = createFaultController();
  const directory = createFakeDirectory();
  const wrapped = faultyDirectory(directory, faults);
  const clock = settableClock();
  const logs: LogEntry[] = [];
  const forwarded: ForwardedCall[] = [];
  const logger = capturingLogger(logs);
  const app = createApp({
    stores: faultyStores(stores, faults),
    directory: wrapped,
    passwords: wrapped,
    clock,
    logger,
    settingsCacheMs: 0,
    ...(options.failurePolicy !== undefined && { failurePolicy: options.failurePolicy }),
  });
  const server = await buildServer(
    { dataDir: dir },
    { app, directory: wrapped, passwords: wrapped, upstream: recordingUpstream(forwarded), logger },
  );
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const run: World['run'] = (username, key, input) =>
    app.runOperation(key, input, callerOf(username));

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    server,
    stores,
    dbFile,
    faults,
    clock,
    directory,
    logs,
    forwarded,
    run,
    async token(username, input = {}) {
      const result = await run(username, 'createToken', {
        name: `token ${Math.random().toString(36).slice(2)}`,
        validity: 'never',
        ...input,
      });
      if (!result.ok) {
        throw new Error(`createToken refused: ${JSON.stringify(result.error)}`);
      }
      return result.data as CreatedToken;
    },
    async configure(change) {
      const current = await stores.settings.get();
      const result = await run('admin', 'saveSettings', { ...current, ...change });
      if (!result.ok) {
        throw new Error(`saveSettings refused: ${JSON.stringify(result.error)}`);
      }
      return result.data as Settings;
    },
    async close() {
      await server.close();
      stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
