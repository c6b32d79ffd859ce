/** One app over a fresh in-memory SQLite store, the fake directory, a settable clock and a recording logger. */
import { openSqliteStores, type SqliteStores } from '../../src/adapters/local/sqlite';
import { createApp, type App, type AuthOutcome } from '../../src/app/app';
import type { Caller, CreatedToken, OperationKey, Operations } from '../../src/app/contract';
import type { FailurePolicy } from '../../src/core/failed-attempts';
import type { Settings } from '../../src/core/types';
import type { Logger, Stores } from '../../src/ports';
import { FIXED_NOW } from '../support/factories';
import { switchable } from './failing';
import { createFakeDirectory, FAKE_USERS, type FakeDirectory } from '../support/fake-directory';

/** The address tests call from unless they say otherwise (TEST-NET-3). */
export const CALLER_IP = '203.0.113.5';

export interface SettableClock {
  now(): number;
  set(at: number): void;
  advance(ms: number): void;
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export interface Harness {
  app: App;
  stores: SqliteStores;
  directory: FakeDirectory;
  clock: SettableClock;
  logs: LogLine[];
  /** Parts failing right now: add one to simulate an outage. */
  outage: Set<OutagePart>;
  /** Runs an operation as `username` from CALLER_IP (or `ip`). */
  run<K extends OperationKey>(
    username: string,
    key: K,
    input: unknown,
    ip?: string | null,
  ): ReturnType<App['runOperation']>;
  /** Creates a token through createToken and returns it (fails the test when refused). */
  token(
    username: string,
    input?: Partial<Operations['createToken']['input']>,
  ): Promise<CreatedToken>;
  /** Saves settings changes as admin (fails the test when refused). */
  configure(change: Partial<Omit<Settings, 'version'>>): Promise<Settings>;
  /** Authenticates a request from CALLER_IP (or `ip`) with this Authorization header. */
  auth(
    authorization: string | undefined,
    options?: { method?: string; ip?: string | null },
  ): Promise<AuthOutcome>;
  close(): void;
}

export interface HarnessOptions {
  /** 'forge': no password verifier (row 6a passes the credentials through). */
  runtime?: 'local' | 'forge';
  failurePolicy?: FailurePolicy;
  settingsCacheMs?: number;
}

/** Parts that can be made to fail during a test. */
export type OutagePart = keyof Stores | 'directory';

/** `Basic base64(user:secret)`. */
export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

/** The caller `username` as an entry point would establish them. */
export function callerOf(username: string, ip: string | null = CALLER_IP): Caller {
  const user = FAKE_USERS.find((candidate) => candidate.username === username);
  return { accountId: user?.accountId ?? `acc-${username}`, clientIp: ip, requestId: 'req-test' };
}

function settableClock(): SettableClock {
  let at = FIXED_NOW;
  return { now: () => at, set: (next) => void (at = next), advance: (ms) => void (at += ms) };
}

/** A new harness; call close() after each test. */
export function createHarness(options: HarnessOptions = {}): Harness {
  const stores = openSqliteStores({ file: ':memory:' });
  const directory = createFakeDirectory();
  const clock = settableClock();
  const logs: LogLine[] = [];
  const logger: Logger = {
    info: (message, fields) => void logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => void logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => void logs.push({ level: 'error', message, fields }),
  };
  const outage = new Set<OutagePart>();
  const down = (part: OutagePart) => (): boolean => outage.has(part);
  const wrapped = switchable(directory, down('directory'));
  const app = createApp({
    stores: {
      tokens: switchable(stores.tokens, down('tokens')),
      settings: switchable(stores.settings, down('settings')),
      audit: switchable(stores.audit, down('audit')),
      attempts: switchable(stores.attempts, down('attempts')),
    },
    directory: wrapped,
    passwords: options.runtime === 'forge' ? null : wrapped,
    clock,
    logger,
    settingsCacheMs: options.settingsCacheMs ?? 0,
    ...(options.failurePolicy !== undefined && { failurePolicy: options.failurePolicy }),
  });

  const run: Harness['run'] = (username, key, input, ip = CALLER_IP) =>
    app.runOperation(key, input, callerOf(username, ip));

  return {
    app,
    stores,
    directory,
    clock,
    logs,
    outage,
    run,
    async token(username, input = {}) {
      const result = await run(username, 'createToken', {
        name: 'CI',
        validity: 'never',
        ...input,
      });
      if (!result.ok) {
        throw new Error(`createToken refused: ${result.error.code}`);
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
    auth: (authorization, { method = 'GET', ip = CALLER_IP } = {}) =>
      app.authenticate({ method, authorization, clientIp: ip, requestId: 'req-test' }),
    close: () => stores.close(),
  };
}
