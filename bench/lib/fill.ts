/**
 * Fills a SQLite file with many tokens in one transaction, straight into the tokens table (one
 * API call per token would take minutes and measure nothing the benchmarks need).
 */
import { createHash } from 'node:crypto';

import { openDatabase } from '../../src/adapters/local/sqlite/database';
import { toTokenRow } from '../../src/adapters/local/sqlite/token-rows';
import { generateToken, hashToken, randomId, tokenHint } from '../../src/core/token-format';
import type { TokenRecord, User } from '../../src/core/types';
import type { Random } from './random';
import { BENCH_NOW } from './fixtures';

export interface FillOptions {
  file: string;
  tokens: number;
  /** Owners, round-robin (the admin, if listed, owns tokens too). */
  owners: readonly User[];
  /** How many of the tokens get a real secret the benchmark can present (the first ones). */
  usable: number;
  random: Random;
}

/** A stored token whose secret the benchmark knows, and its owner. */
export interface UsableToken {
  secret: string;
  owner: User;
}

const DAY_MS = 86_400_000;
const COLUMNS =
  'id, hash, hint, owner_id, name, name_key, scope, created_at, created_by, expires_at, ' +
  'last_used_at, last_used_ip';

/** Inserts `tokens` tokens created over the last two years; returns the usable ones. */
export function fillTokens(options: FillOptions): UsableToken[] {
  const db = openDatabase(options.file);
  // A 256 MiB page cache for this connection only: random keys in five indexes page otherwise.
  db.pragma('cache_size = -262144');
  const params = COLUMNS.split(', ')
    .map((column) => `@${column}`)
    .join(', ');
  const insert = db.prepare(`INSERT INTO tokens (${COLUMNS}) VALUES (${params})`);
  const usable: UsableToken[] = [];

  const insertAll = db.transaction((): void => {
    for (let i = 0; i < options.tokens; i += 1) {
      const owner = options.owners[i % options.owners.length] as User;
      const secret = i < options.usable ? generateToken() : null;
      insert.run(toTokenRow(benchToken(i, owner, secret, options.random)));
      if (secret !== null) {
        usable.push({ secret, owner });
      }
    }
  });
  try {
    insertAll();
  } finally {
    db.close();
  }
  return usable;
}

/** Token i: valid (never expired) when it has a secret; the rest get a spread of ages and uses. */
function benchToken(i: number, owner: User, secret: string | null, random: Random): TokenRecord {
  const createdAt = BENCH_NOW - DAY_MS - random.int(730 * DAY_MS);
  const expiresAt =
    secret === null && i % 3 === 0 ? createdAt + (180 + random.int(540)) * DAY_MS : null;
  const used = i % 4 !== 0;
  return {
    id: randomId('tok_'),
    hash:
      secret === null
        ? createHash('sha256').update(`bench-filler-${i}`).digest('hex')
        : hashToken(secret),
    hint: secret === null ? 'atat_Fill' : tokenHint(secret),
    ownerId: owner.accountId,
    name: `Bench token ${i}`,
    scope: i % 5 === 0 ? 'read-only' : 'read-write',
    createdAt,
    createdBy: owner.accountId,
    expiresAt,
    lastUsedAt: used ? createdAt + random.int(BENCH_NOW - createdAt) : null,
    lastUsedIp: used ? `10.${i % 256}.${(i >> 8) % 256}.${random.int(256)}` : null,
  };
}
