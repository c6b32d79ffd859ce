/**
 * gateway: requests/s and p99 latency through the local gateway with token authentication,
 * against a bare proxy (same Fastify and undici forwarding, no authentication) to the same
 * upstream. Load runs here; the proxies and the upstream run in worker threads of their own.
 * Variants alternate within each round (ABBA) so drift on a shared machine hits both alike.
 */
import { join } from 'node:path';

import { runLoad, type LoadResult } from '../lib/load';
import { median } from '../lib/stats';
import { startWorker, stopWorker, UPSTREAM_SOURCE } from '../lib/threads';
import type { ServersReady, ServersWorkerData } from './gateway-servers';

export interface GatewayOptions {
  connections: number;
  warmupSeconds: number;
  roundSeconds: number;
  rounds: number;
  /** Where the gateway's SQLite file goes. */
  dataDir: string;
}

export interface GatewayResult {
  ratio: number;
  p99_added_ms: number;
  rps_gateway: number;
  rps_bare: number;
  p50_gateway_ms: number;
  p50_bare_ms: number;
  p99_gateway_ms: number;
  p99_bare_ms: number;
  connections: number;
}

/** The REST call both variants forward (Jira's "who am I"). */
const PATH = '/rest/api/2/myself';

/** Runs the warm-up and the rounds; reports medians over rounds. */
export async function benchGateway(
  options: GatewayOptions,
  progress: (line: string) => void,
): Promise<GatewayResult> {
  const upstream = await startWorker<number>(UPSTREAM_SOURCE, { eval: true });
  try {
    const workerData: ServersWorkerData = {
      upstreamUrl: `http://127.0.0.1:${upstream.ready}`,
      dataDir: options.dataDir,
    };
    const servers = await startWorker<ServersReady>(join(__dirname, 'gateway-servers.ts'), {
      workerData,
    });
    try {
      return await measureRounds(servers.ready, options, progress);
    } finally {
      await stopWorker(servers.worker);
    }
  } finally {
    await stopWorker(upstream.worker);
  }
}

async function measureRounds(
  ready: ServersReady,
  options: GatewayOptions,
  progress: (line: string) => void,
): Promise<GatewayResult> {
  const load = { connections: options.connections, durationSeconds: options.roundSeconds };
  const gateway = (): Promise<LoadResult> =>
    checked('gateway', runLoad(ready.gatewayUrl + PATH, { authorization: ready.authorization }, load));
  const bare = (): Promise<LoadResult> =>
    checked('bare proxy', runLoad(ready.bareUrl + PATH, {}, load));

  if (options.warmupSeconds > 0) {
    const warm = { ...load, durationSeconds: options.warmupSeconds };
    await checked('gateway', runLoad(ready.gatewayUrl + PATH, { authorization: ready.authorization }, warm));
    await checked('bare proxy', runLoad(ready.bareUrl + PATH, {}, warm));
  }

  const rounds: { gateway: LoadResult; bare: LoadResult }[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const gatewayFirst = round % 2 === 0;
    const first = await (gatewayFirst ? gateway() : bare());
    const second = await (gatewayFirst ? bare() : gateway());
    const pair = gatewayFirst ? { gateway: first, bare: second } : { gateway: second, bare: first };
    rounds.push(pair);
    progress(
      `round ${round + 1}/${options.rounds}: gateway ${pair.gateway.requestsPerSecond.toFixed(0)} req/s, ` +
        `bare ${pair.bare.requestsPerSecond.toFixed(0)} req/s`,
    );
  }
  return summarise(rounds, options.connections);
}

function summarise(
  rounds: { gateway: LoadResult; bare: LoadResult }[],
  connections: number,
): GatewayResult {
  const of = (pick: (pair: { gateway: LoadResult; bare: LoadResult }) => number): number =>
    median(rounds.map(pick));
  return {
    ratio: of((r) => r.gateway.requestsPerSecond / r.bare.requestsPerSecond),
    p99_added_ms: of((r) => r.gateway.p99Ms - r.bare.p99Ms),
    rps_gateway: of((r) => r.gateway.requestsPerSecond),
    rps_bare: of((r) => r.bare.requestsPerSecond),
    p50_gateway_ms: of((r) => r.gateway.p50Ms),
    p50_bare_ms: of((r) => r.bare.p50Ms),
    p99_gateway_ms: of((r) => r.gateway.p99Ms),
    p99_bare_ms: of((r) => r.bare.p99Ms),
    connections,
  };
}

/** A run where anything failed measures refusals or errors, not the gateway: stop there. */
async function checked(variant: string, run: Promise<LoadResult>): Promise<LoadResult> {
  const result = await run;
  if (result.non2xx > 0 || result.errors > 0 || result.responses === 0) {
    throw new Error(
      `${variant}: ${result.non2xx} non-2xx answers and ${result.errors} errors ` +
        `out of ${result.responses} responses`,
    );
  }
  return result;
}
