/**
 * forgeKvs: @forge/kvs calls per authenticated gateway request under Forge, counted by the
 * in-memory fake of @forge/kvs (test/support/fake-kvs.ts), which runs the real client code.
 * A fresh app instance (cold caches, as a new Forge function instance) serves `requests`
 * requests spread over `tokens` tokens, the clock moving `stepMs` per request. Settings were
 * saved once (an allowlist), as on a configured site.
 */
import type { App } from '../../src/app/app';
import { createApp } from '../../src/app/app';
import type { Stores } from '../../src/ports';
import {
  basicAuthorization,
  BENCH_NOW,
  benchUsers,
  manualClock,
  memoryDirectory,
  SILENT_LOGGER,
  type ManualClock,
} from '../lib/fixtures';
import { installFakeKvs, type FakeKvs } from './forge-fake';
import { saveAllowlist } from './token-sites';

export interface ForgeKvsOptions {
  tokens: number;
  requests: number;
  stepMs: number;
}

export interface ForgeKvsResult {
  reads_per_request: number;
  writes_per_request: number;
  /** Forge meters reads in 10 KB units. */
  read_units_per_request: number;
  requests: number;
  tokens: number;
  /** Simulated time the requests spanned (ms): what the settings cache and touch throttle see. */
  span_ms: number;
  /** Calls per request by entity: the token lookup alone, and `batch`: the token read with the refresh of the settings and the failure marker. */
  reads_by_entity: Record<string, number>;
}

const CLIENT_IP = '198.51.100.7';

/** Creates the tokens through the app, then counts the calls a cold instance makes. */
export async function benchForgeKvs(options: ForgeKvsOptions): Promise<ForgeKvsResult> {
  const fake = await installFakeKvs();
  fake.reset();
  const users = benchUsers(options.tokens);
  const clock = manualClock(BENCH_NOW);
  const setup = await forgeApp(fake, users, clock);
  await saveAllowlist(setup);
  const authorizations = await createTokens(setup, users.slice(0, options.tokens));

  const app = await forgeApp(fake, users, clock);
  fake.resetCounts();
  const logged = fake.logged();
  for (let i = 0; i < options.requests; i += 1) {
    clock.advance(options.stepMs);
    const outcome = await app.authenticate({
      method: 'GET',
      authorization: authorizations[i % authorizations.length],
      clientIp: CLIENT_IP,
      requestId: `bench-forge-${i}`,
    });
    if (outcome.kind !== 'allow') {
      throw new Error(`request ${i} was not allowed: ${JSON.stringify(outcome)}`);
    }
  }
  const counts = fake.counts();
  const byEntity = fake.readsByEntity(logged);
  return {
    reads_per_request: counts.reads / options.requests,
    writes_per_request: counts.writes / options.requests,
    read_units_per_request: counts.readUnits / options.requests,
    requests: options.requests,
    tokens: options.tokens,
    span_ms: options.requests * options.stepMs,
    reads_by_entity: Object.fromEntries(
      Object.entries(byEntity).map(([entity, reads]) => [entity, reads / options.requests]),
    ),
  };
}

async function forgeApp(
  fake: FakeKvs,
  users: ReturnType<typeof benchUsers>,
  clock: ManualClock,
): Promise<App> {
  const stores: Stores = await fake.openStores(() => clock.now());
  return createApp({
    stores,
    directory: memoryDirectory(users),
    passwords: null,
    clock,
    logger: SILENT_LOGGER,
  });
}

async function createTokens(app: App, owners: ReturnType<typeof benchUsers>): Promise<string[]> {
  const authorizations: string[] = [];
  for (const owner of owners) {
    const caller = { accountId: owner.accountId, clientIp: CLIENT_IP, requestId: 'bench-setup' };
    const created = await app.runOperation(
      'createToken',
      { name: 'Forge bench', validity: 'never' },
      caller,
    );
    if (!created.ok) {
      throw new Error(`createToken failed: ${created.error.code}`);
    }
    authorizations.push(basicAuthorization(owner.username, created.data.token));
  }
  return authorizations;
}
