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
import { openTokenSite, type TokenSite } from './suites/token-sites';
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

/** Every suite in turn; the SQLite sites stay open from verify to the admin list. */
export async function runBenchmarks(
  config: BenchConfig,
  options: RunOptions,
): Promise<BenchResults> {
  const workDir = mkdtempSync(join(tmpdir(), 'api-token-bench-'));
  const step = stepper(options.progress);
  const sites: TokenSite[] = [];
  try {
    const ipMatch = await step(1, 'IP match', () => benchIpMatch(config.ipMatch));
    const verify = await step(2, 'verify (SQLite)', async () => {
      sites.push(...(await openSites(config, workDir, options.progress)));
      return benchVerify(sites[0] as TokenSite, sites[1] as TokenSite, config.verify);
    });
    const adminList = await step(3, 'admin token list, first page', () =>
      benchAdminList(sites[1] as TokenSite, config.verify.large, config.adminList),
    );
    const forgeKvs = await step(4, 'Forge KVS calls per request', () =>
      benchForgeKvs(config.forgeKvs),
    );
    const gateway = await step(5, 'gateway vs bare proxy', () =>
      benchGateway({ ...config.gateway, dataDir: workDir }, options.progress),
    );
    const bundles = await step(6, 'page bundles', async () =>
      measureBundles({ buildDir: options.pagesDir }),
    );
    const sizes = { tokens_small: config.verify.small, tokens_large: config.verify.large };
    return { verify: { ...verify, ...sizes }, ipMatch, gateway, forgeKvs, adminList, bundles };
  } finally {
    sites.forEach((site) => site.close());
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function openSites(
  config: BenchConfig,
  workDir: string,
  progress: (line: string) => void,
): Promise<[TokenSite, TokenSite]> {
  const { small, large, owners, usable } = config.verify;
  progress(`filling ${small.toLocaleString('en')} and ${large.toLocaleString('en')} tokens…`);
  const smallSite = await openTokenSite({
    dir: workDir,
    name: 'small',
    tokens: small,
    owners,
    usable,
  });
  const largeSite = await openTokenSite({
    dir: workDir,
    name: 'large',
    tokens: large,
    owners,
    usable,
  });
  progress(`verifying, ${config.verify.rounds} alternating rounds…`);
  return [smallSite, largeSite];
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
