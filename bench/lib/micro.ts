/**
 * Micro benchmarks through tinybench: warm up, sample batches, report the median per call.
 * Samples are timed in process CPU time (user + system), not wall time: on a machine shared
 * with other work, time the OS hands to other processes is not the code's cost.
 */
import { Bench } from 'tinybench';

export interface MicroOptions {
  /** Sampling time for one measurement, after warm-up (ms). */
  timeMs: number;
  warmupMs: number;
  /** Calls per sample: amortises the timer and the promise per sample for sub-µs calls. */
  batch: number;
  /** At least this many samples, even past timeMs (default 8). */
  minSamples?: number;
}

/** Median nanoseconds of one call of `call(i)` (i counts up across calls, for cycling inputs). */
export async function medianNanosSync(
  call: (i: number) => unknown,
  options: MicroOptions,
): Promise<number> {
  let i = 0;
  const sample = (): { overriddenDuration: number } => {
    const started = cpuMs();
    for (let n = 0; n < options.batch; n += 1) {
      call(i);
      i += 1;
    }
    return { overriddenDuration: cpuMs() - started };
  };
  return medianOfSamples(sample, options);
}

/** Median nanoseconds of one awaited call of `call(i)`. */
export async function medianNanosAsync(
  call: (i: number) => Promise<unknown>,
  options: MicroOptions,
): Promise<number> {
  let i = 0;
  const sample = async (): Promise<{ overriddenDuration: number }> => {
    const started = cpuMs();
    for (let n = 0; n < options.batch; n += 1) {
      await call(i);
      i += 1;
    }
    return { overriddenDuration: cpuMs() - started };
  };
  return medianOfSamples(sample, options);
}

/** CPU time this process has used, in ms (µs resolution). */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function medianOfSamples(sample: () => unknown, options: MicroOptions): Promise<number> {
  const bench = new Bench({
    time: options.timeMs,
    warmupTime: options.warmupMs,
    iterations: options.minSamples ?? 8,
    warmupIterations: 2,
    throws: true,
  });
  bench.add('sample', sample);
  await bench.run();

  const result = bench.tasks[0]?.result;
  if (result === undefined || !('latency' in result)) {
    throw new Error('tinybench returned no statistics');
  }
  return (result.latency.p50 * 1e6) / options.batch;
}
