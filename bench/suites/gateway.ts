/**
 * gateway: requests/s and p99 latency through the local gateway with token authentication,
 * against a bare proxy (same Fastify and undici forwarding, no authentication) to the same
 * upstream. Load runs here; the proxies and the upstream run in worker threads of their own.
 * Variants alternate within each round (ABBA) so drift on a shared machine hits both alike.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';

import { runLoad, type LoadOptions, type LoadResult } from '../lib/load';
import { median } from '../lib/stats';
import { startWorker, stopWorker, UPSTREAM_SOURCE } from '../lib/threads';
import type { ServersReady, ServersWorkerData } from './gateway-servers';

export interface GatewayOptions {
  connections: number;
  warmupSeconds: number;
  roundSeconds: number;
  rounds: number;
  storedTokens: number;
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
  /** Event-loop time of the proxy's thread per request (µs), preemption by other work included. */
  server_us_gateway: number;
  server_us_bare: number;
  /** CPU time of this whole process (load generator, proxy, upstream) per request (µs). */
  process_cpu_us_gateway: number;
  process_cpu_us_bare: number;
  connections: number;
}

interface Run extends LoadResult {
  serverUs: number;
  cpuUs: number;
}

type Variant = 'gateway' | 'bare';
type RunVariant = (variant: Variant, load: LoadOptions) => Promise<Run>;

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
      storedTokens: options.storedTokens,
    };
    const servers = await startWorker<ServersReady>(join(__dirname, 'gateway-servers.ts'), {
      workerData,
    });
    try {
      const run = runner(servers.worker, servers.ready);
      return await measureRounds(run, options, progress);
    } finally {
      await stopWorker(servers.worker);
    }
  } finally {
    await stopWorker(upstream.worker);
  }
}

/** Loads one variant and reads its thread's active time around the run. */
function runner(worker: Worker, ready: ServersReady): RunVariant {
  return async function run(variant: Variant, load: LoadOptions): Promise<Run> {
    const url = (variant === 'gateway' ? ready.gatewayUrl : ready.bareUrl) + PATH;
    const headers: Record<string, string> =
      variant === 'gateway' ? { authorization: ready.authorization } : {};
    const before = await busyMs(worker);
    const cpuBefore = process.cpuUsage();
    const result = await runLoad(url, headers, load);
    const cpu = process.cpuUsage(cpuBefore);
    const after = await busyMs(worker);
    if (result.non2xx > 0 || result.errors > 0 || result.responses === 0) {
      throw new Error(
        `${variant}: ${result.non2xx} non-2xx answers and ${result.errors} errors ` +
          `out of ${result.responses} responses`,
      );
    }
    return {
      ...result,
      serverUs: ((after - before) * 1000) / result.responses,
      cpuUs: (cpu.user + cpu.system) / result.responses,
    };
  };
}

async function measureRounds(
  run: RunVariant,
  options: GatewayOptions,
  progress: (line: string) => void,
): Promise<GatewayResult> {
  const load = { connections: options.connections, durationSeconds: options.roundSeconds };
  if (options.warmupSeconds > 0) {
    const warm = { ...load, durationSeconds: options.warmupSeconds };
    await run('gateway', warm);
    await run('bare', warm);
  }

  const rounds: { gateway: Run; bare: Run }[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const order: Variant[] = round % 2 === 0 ? ['gateway', 'bare'] : ['bare', 'gateway'];
    const first = await run(order[0] as Variant, load);
    const second = await run(order[1] as Variant, load);
    const pair =
      round % 2 === 0 ? { gateway: first, bare: second } : { gateway: second, bare: first };
    rounds.push(pair);
    progress(
      `round ${round + 1}/${options.rounds}: gateway ${pair.gateway.requestsPerSecond.toFixed(0)} ` +
        `req/s, bare proxy ${pair.bare.requestsPerSecond.toFixed(0)} req/s`,
    );
  }
  return summarise(rounds, options.connections);
}

function summarise(rounds: { gateway: Run; bare: Run }[], connections: number): GatewayResult {
  const of = (pick: (pair: { gateway: Run; bare: Run }) => number): number =>
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
    server_us_gateway: of((r) => r.gateway.serverUs),
    server_us_bare: of((r) => r.bare.serverUs),
    process_cpu_us_gateway: of((r) => r.gateway.cpuUs),
    process_cpu_us_bare: of((r) => r.bare.cpuUs),
    connections,
  };
}

/** The servers' thread's event-loop active time so far (ms). */
function busyMs(worker: Worker): Promise<number> {
  return new Promise((resolve) => {
    worker.once('message', (active: number) => resolve(active));
    worker.postMessage('busy');
  });
}
