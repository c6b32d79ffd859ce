/**
 * Starts the local runtime from its configuration: data directory (locked to this process),
 * users, SQLite stores, the app, the upstream (the built-in demo product unless UPSTREAM_URL is
 * set) and the server.
 * A start-up failure is a StartupError with one line naming the setting to fix; whatever was
 * started before it is stopped again.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp, type App, type AppDeps } from '../../app/app';
import type { Clock, Logger } from '../../ports';
import type { LocalConfig } from './config';
import { lockDataDir } from './data-lock';
import { startDemoUpstream } from './demo-upstream';
import type { ScryptParams } from './password-hash';
import { buildServer } from './server';
import { openSqliteStores } from './sqlite';
import { createHttpUpstream, type HttpUpstream } from './upstream';
import { codeOf, loadLocalUsers, StartupError } from './local-users';
import type { UsersDirectory } from './users-directory';

export interface RuntimeOptions {
  logger: Logger;
  clock?: Clock;
  failurePolicy?: AppDeps['failurePolicy'];
  settingsCacheMs?: number;
  /** scrypt cost for hashing new passwords (tests use a cheap one). */
  scrypt?: ScryptParams;
  /** Housekeeping interval; null: never (tests). Default: at start and every 24 hours. */
  housekeepingEveryMs?: number | null;
}

export interface LocalRuntime {
  /** Base URL the server listens on, e.g. http://127.0.0.1:8080 */
  url: string;
  server: FastifyInstance;
  app: App;
  directory: UsersDirectory;
  usersFile: string;
  /** The demo credentials file when there is one, else null. */
  credentialsFile: string | null;
  upstreamUrl: URL;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/** Starts everything and listens on HOST:PORT. Throws StartupError. */
export async function startLocalRuntime(
  config: LocalConfig,
  options: RuntimeOptions,
): Promise<LocalRuntime> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch(() => undefined);
    }
  };
  try {
    return await start(config, options, cleanups, close);
  } catch (error) {
    await close();
    throw error;
  }
}

async function start(
  config: LocalConfig,
  options: RuntimeOptions,
  cleanups: (() => Promise<void>)[],
  close: () => Promise<void>,
): Promise<LocalRuntime> {
  const { logger } = options;
  const lock = await lockDataDir(config.dataDir);
  cleanups.push(lock.release);
  const { directory, usersFile, credentialsFile } = await loadLocalUsers(config, {
    logger,
    ...(options.scrypt && { scrypt: options.scrypt }),
  });

  const app = openApp(config, options, directory, cleanups);
  const { upstream, upstreamUrl } = await openUpstream(config, directory, cleanups);

  const server = await buildServer(config, {
    app,
    directory,
    passwords: directory,
    upstream,
    logger,
  });
  cleanups.push(async () => server.close());
  const url = await listen(server, config);
  scheduleHousekeeping(app, logger, options.housekeepingEveryMs, cleanups);

  return {
    url,
    server,
    app,
    directory,
    usersFile,
    credentialsFile,
    upstreamUrl,
    close,
  };
}

/** The app over the SQLite stores in DATA_DIR, with the users file as directory and password check. */
function openApp(
  config: LocalConfig,
  options: RuntimeOptions,
  directory: UsersDirectory,
  cleanups: (() => Promise<void>)[],
): App {
  const stores = openStores(config.dataDir);
  cleanups.push(async () => stores.close());
  return createApp({
    stores,
    directory,
    passwords: directory,
    clock: options.clock ?? SYSTEM_CLOCK,
    logger: options.logger,
    ...(options.failurePolicy && { failurePolicy: options.failurePolicy }),
    ...(options.settingsCacheMs !== undefined && { settingsCacheMs: options.settingsCacheMs }),
  });
}

/** The upstream pool: UPSTREAM_URL, or the built-in demo product started on loopback. */
async function openUpstream(
  config: LocalConfig,
  directory: UsersDirectory,
  cleanups: (() => Promise<void>)[],
): Promise<{ upstream: HttpUpstream; upstreamUrl: URL }> {
  let upstreamUrl = config.upstreamUrl;
  if (upstreamUrl === null) {
    const demo = await startDemoUpstream({ directory, identityHeader: config.identityHeader });
    cleanups.push(demo.close);
    upstreamUrl = demo.url;
  }
  const upstream = createHttpUpstream({
    baseUrl: upstreamUrl,
    identityHeader: config.identityHeader,
  });
  cleanups.push(upstream.close);
  return { upstream, upstreamUrl };
}

function openStores(dataDir: string): ReturnType<typeof openSqliteStores> {
  const file = path.join(dataDir, 'app.db');
  try {
    return openSqliteStores({ file });
  } catch (error) {
    throw new StartupError(
      `Invalid setting DATA_DIR: the database ${file} cannot be opened (${messageOf(error)})`,
    );
  }
}

async function listen(server: FastifyInstance, config: LocalConfig): Promise<string> {
  try {
    await server.listen({ host: config.host, port: config.port });
  } catch (error) {
    const where = `HOST=${config.host} PORT=${config.port}`;
    throw new StartupError(
      `Invalid setting PORT/HOST: cannot listen on ${where} (${codeOf(error)})`,
    );
  }
  const address = server.server.address();
  if (address === null || typeof address === 'string') {
    throw new StartupError(`Invalid setting HOST: ${config.host} gave no TCP address`);
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function scheduleHousekeeping(
  app: App,
  logger: Logger,
  everyMs: number | null | undefined,
  cleanups: (() => Promise<void>)[],
): void {
  if (everyMs === null) {
    return;
  }
  const run = (): void => {
    // The service logs its own counts; a failure here must not stop the server.
    app.housekeeping().catch((error: unknown) => {
      logger.error('housekeeping failed', { error: messageOf(error) });
    });
  };
  run();
  const timer = setInterval(run, everyMs ?? DAY_MS);
  timer.unref();
  cleanups.push(async () => clearInterval(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { StartupError } from './local-users';
