/**
 * A local site with many stored tokens: a SQLite file filled directly, opened through the real
 * store adapter and app, with an IP allowlist that admits the benchmark's address.
 */
import { join } from 'node:path';

import { openSqliteStores, type SqliteStores } from '../../src/adapters/local/sqlite';
import { createApp, type App } from '../../src/app/app';
import type { Caller } from '../../src/app/contract';
import type { User } from '../../src/core/types';
import { fillTokens, type UsableToken } from '../lib/fill';
import {
  BENCH_ADMIN,
  BENCH_NOW,
  benchUsers,
  manualClock,
  memoryDirectory,
  SILENT_LOGGER,
  type ManualClock,
} from '../lib/fixtures';
import { seededRandom } from '../lib/random';

export interface TokenSite {
  app: App;
  clock: ManualClock;
  usable: UsableToken[];
  close(): void;
}

export interface TokenSiteOptions {
  dir: string;
  name: string;
  tokens: number;
  owners: number;
  usable: number;
}

/** The admin, calling from loopback. */
export const ADMIN_CALLER: Caller = {
  accountId: BENCH_ADMIN.accountId,
  clientIp: '127.0.0.1',
  requestId: 'bench-admin',
};

/** An allowlist in the shape a real site might keep: loopback plus a few office ranges. */
const BENCH_ALLOWLIST = [
  '127.0.0.0/8',
  '::1',
  '10.0.0.0/8',
  '192.0.2.10-192.0.2.90',
  '198.51.100.0/24',
  '2001:db8:100::/48',
];

/** Fills `options.tokens` tokens into a new file, then opens it as the app would. */
export async function openTokenSite(options: TokenSiteOptions): Promise<TokenSite> {
  const users: User[] = benchUsers(options.owners);
  const file = join(options.dir, `${options.name}.sqlite`);
  const usable = fillTokens({
    file,
    tokens: options.tokens,
    owners: users.slice(0, options.owners),
    usable: options.usable,
    random: seededRandom(options.tokens),
  });

  const stores: SqliteStores = openSqliteStores({ file });
  const clock = manualClock(BENCH_NOW);
  const app = createApp({
    stores,
    directory: memoryDirectory(users),
    passwords: null,
    clock,
    logger: SILENT_LOGGER,
  });
  await saveAllowlist(app);
  return { app, clock, usable, close: () => stores.close() };
}

/** Saves the benchmark allowlist as the admin would, from the settings the app has now. */
export async function saveAllowlist(app: App): Promise<void> {
  const current = await app.runOperation('getSettings', {}, ADMIN_CALLER);
  if (!current.ok) {
    throw new Error(`getSettings failed: ${current.error.code}`);
  }
  const saved = await app.runOperation(
    'saveSettings',
    { ...current.data, ipAllowlist: BENCH_ALLOWLIST },
    ADMIN_CALLER,
  );
  if (!saved.ok) {
    throw new Error(`saveSettings failed: ${saved.error.code}`);
  }
}
