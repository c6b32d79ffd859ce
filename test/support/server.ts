/**
 * Starts the real local runtime for a test: 127.0.0.1, a free port, a temporary DATA_DIR and a
 * users file with known passwords (admin, alice, bob). Returns the base URL and a close
 * function; log lines are kept so tests can check what was (not) logged.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/ports';
import { loadConfig, type LocalConfig } from '../../src/adapters/local/config';
import { createLogger } from '../../src/adapters/local/logger';
import {
  startLocalRuntime,
  type LocalRuntime,
  type RuntimeOptions,
} from '../../src/adapters/local/runtime';
import type { UsersFileEntry } from '../../src/adapters/local/users-file';

/** Cheap scrypt cost: tests check behaviour, not hashing cost. */
export const TEST_SCRYPT = { cost: 1024, blockSize: 8, parallelism: 1 };

/** The users every test server knows unless told otherwise, with their plain passwords. */
export const TEST_USERS = {
  admin: { username: 'admin', password: 'admin-password-1', email: 'admin@example.test' },
  alice: { username: 'alice', password: 'alice-password-1', email: 'alice@example.test' },
  bob: { username: 'bob', password: 'bob-password-1', email: 'bob@example.test' },
} as const;

export const TEST_USERS_FILE: UsersFileEntry[] = [
  { ...TEST_USERS.admin, displayName: 'Ada Admin', admin: true, active: true },
  { ...TEST_USERS.alice, displayName: 'Alice Example', admin: false, active: true },
  { ...TEST_USERS.bob, displayName: 'Bob Example', admin: false, active: true },
];

export interface TestServerOptions {
  /** Reuse a data directory (a restart); it is then kept on close. Default: a fresh temp dir. */
  dataDir?: string;
  /** Users file entries, or 'demo' for the generated demo users. Default: TEST_USERS_FILE. */
  users?: UsersFileEntry[] | 'demo';
  /** Extra environment, as `npm start` would read it (UPSTREAM_URL, IDENTITY_HEADER…). */
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  failurePolicy?: RuntimeOptions['failurePolicy'];
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  dataDir: string;
  runtime: LocalRuntime;
  /** Every log line written so far. */
  logs: string[];
  close(): Promise<void>;
}

/** Starts a server; always pair with close() (afterAll). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ata-server-')));
  const env: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    ...options.env,
  };
  await mkdir(dataDir, { recursive: true });
  if (options.users !== 'demo') {
    const usersFile = path.join(dataDir, 'test-users.json');
    await writeFile(usersFile, JSON.stringify(options.users ?? TEST_USERS_FILE));
    env.USERS_FILE = usersFile;
  }
  const config = configFrom(env);

  const logs: string[] = [];
  const logger = createLogger({ level: 'info', write: (line) => logs.push(line) });
  const runtime = await startLocalRuntime(config, {
    logger,
    scrypt: TEST_SCRYPT,
    settingsCacheMs: 0,
    housekeepingEveryMs: null,
    ...(options.clock && { clock: options.clock }),
    ...(options.failurePolicy && { failurePolicy: options.failurePolicy }),
  });

  return {
    baseUrl: runtime.url,
    dataDir,
    runtime,
    logs,
    close: async () => {
      await runtime.close();
      if (ownsDataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function configFrom(env: NodeJS.ProcessEnv): LocalConfig {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    throw new Error(loaded.error);
  }
  return loaded.config;
}

/** `Authorization: Basic base64(user:secret)` */
export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

/** `Authorization: Bearer secret` */
export function bearer(secret: string): string {
  return `Bearer ${secret}`;
}
