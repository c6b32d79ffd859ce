/** HTTP load through autocannon, with latencies kept to the microsecond for exact percentiles. */
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  /** Responses that were not 2xx, and socket errors or timeouts: both must be 0. */
  non2xx: number;
  errors: number;
}

/**
 * Keeps `connections` requests in flight against `url` for the duration. autocannon's own
 * histogram rounds latencies to whole milliseconds, so each response time is kept here instead.
 */
export async function runLoad(
  url: string,
  headers: Record<string, string>,
  options: LoadOptions,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const startedAt = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, headers, connections: options.connections, duration: options.durationSeconds },
      (error: Error | null, finished: autocannon.Result) =>
        error ? reject(error) : resolve(finished),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) {
        latencies.push(responseTime);
      }
    });
  });

  const elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    responses: latencies.length + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Nearest-rank percentile of sorted values; NaN when empty. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, rank)] as number;
}
