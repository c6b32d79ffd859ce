/** Runs every benchmark in turn, reporting progress, and gathers the results. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BenchConfig } from './config';
import { benchAdminList, type AdminListResult } from './suites/admin-list';
import { measureBundles, type BundlesResult } from './suites/bundles';
import { benchForgeKvs, type ForgeKvsResult } from './suites/forge-kvs';
import { benchGateway, type GatewayResult } from './suites/gateway';
import { benchIpMatch, type IpMatchResult } from './suites/ip-match';
import { openTokenSite } from './suites/token-sites';
import { benchVerify, type VerifyResult } from './suites/verify';

export interface BenchResults {
  verify: VerifyResult & { tokens_small: number; tokens_large: number };
  ipMatch: IpMatchResult;
  gateway: GatewayResult;
  forgeKvs: ForgeKvsResult;
  adminList: AdminListResult;
  bundles: BundlesResult;
}

export interface RunOptions {
  /** static/build, with admin/ and user/ inside. */
  pagesDir: string;
  progress: (line: string) => void;
}

const STEPS = 6;

/** Every suite, in an order that keeps the SQLite files warm between verify and adminList. */
export async function runBenchmarks(config: BenchConfig, options: RunOptions): Promise<BenchResults> {
  const workDir = mkdtempSync(join(tmpdir(), 'api-token-bench-'));
  const step = stepper(options.progress);
  try {
    const ipMatch = await step(1, 'IP match', () => benchIpMatch(config.ipMatch));
    const { verify, adminList } = await step(2, 'verify and admin list (SQLite)', () =>
      benchSqlite(config, workDir, options.progress),
    );
    const forgeKvs = await step(4, 'Forge KVS calls per request', () => benchForgeKvs(config.forgeKvs));
    const gateway = await step(5, 'gateway vs bare proxy', () =>
      benchGateway({ ...config.gateway, dataDir: workDir }, options.progress),
    );
    const bundles = await step(6, 'page bundles', async () =>
      measureBundles({ buildDir: options.pagesDir }),
    );
    return { verify, ipMatch, gateway, forgeKvs, adminList, bundles };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function benchSqlite(
  config: BenchConfig,
  workDir: string,
  progress: (line: string) => void,
): Promise<{ verify: BenchResults['verify']; adminList: AdminListResult }> {
  const { small, large, owners, usable } = config.verify;
  progress(`filling ${small.toLocaleString('en')} and ${large.toLocaleString('en')} tokens…`);
  const smallSite = await openTokenSite({ dir: workDir, name: 'small', tokens: small, owners, usable });
  const largeSite = await openTokenSite({ dir: workDir, name: 'large', tokens: large, owners, usable });
  try {
    progress(`verifying, ${config.verify.rounds} alternating rounds…`);
    const verify = await benchVerify(smallSite, largeSite, config.verify);
    progress(`[3/${STEPS}] admin token list, first page…`);
    const adminList = await benchAdminList(largeSite, large, config.adminList);
    return { verify: { ...verify, tokens_small: small, tokens_large: large }, adminList };
  } finally {
    smallSite.close();
    largeSite.close();
  }
}

/** Announces step n, runs it, and says how long it took. */
type Step = <T>(n: number, name: string, run: () => Promise<T>) => Promise<T>;

function stepper(progress: (line: string) => void): Step {
  return async function step<T>(n: number, name: string, run: () => Promise<T>): Promise<T> {
    progress(`[${n}/${STEPS}] ${name}…`);
    const started = Date.now();
    const result = await run();
    progress(`      ${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
}
