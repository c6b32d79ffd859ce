/**
 * `npm run bench`: runs every benchmark on this machine, prints the table and writes
 * bench/results.json. Flags: --smoke (tiny sizes, for the test suite), --out FILE,
 * --pages DIR (the built pages, default static/build).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { runBenchmarks } from './all';
import { FULL_CONFIG, SMOKE_CONFIG } from './config';
import { describeRun, missedTargets, resultsTable, writeResults } from './report';

const ROOT = join(__dirname, '..');

interface RunArgs {
  smoke: boolean;
  out: string;
  pagesDir: string;
}

function readArgs(argv: string[]): RunArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'bench', 'results.json') },
      pages: { type: 'string', default: join(ROOT, 'static', 'build') },
    },
  });
  return { smoke: values.smoke, out: values.out, pagesDir: values.pages };
}

function progress(line: string): void {
  const seconds = ((Date.now() - STARTED) / 1000).toFixed(0).padStart(4);
  console.log(`${seconds}s  ${line}`);
}

const STARTED = Date.now();
const START_LOAD = loadavg()[0] ?? 0;

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  progress(args.smoke ? 'smoke run: tiny sizes, the figures mean nothing' : 'full run');
  const results = await runBenchmarks(args.smoke ? SMOKE_CONFIG : FULL_CONFIG, {
    pagesDir: args.pagesDir,
    progress,
  });
  const run = describeRun(STARTED, args.smoke, START_LOAD);
  writeResults(args.out, results, run);

  console.log(`\n${resultsTable(results)}\n`);
  console.log(
    `${run.cpu}, ${run.cores} cores, ${run.memoryGiB} GiB, ${run.os}, Node ${run.node}; ` +
      `load average ${run.loadAverage.join(' → ')}; ${run.durationSeconds} s; written to ${args.out}`,
  );
  const missed = missedTargets(results);
  console.log(missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
