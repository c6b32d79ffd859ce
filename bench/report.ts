/** results.json and the table: the figures, their targets, and the machine they came from. */
import { renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

import type { BenchResults } from './all';
import { round } from './lib/stats';
import { meetsTarget, TARGETS, targetText } from './targets';

export interface RunInfo {
  date: string;
  durationSeconds: number;
  smoke: boolean;
  node: string;
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load average when the run started and when it ended: other work on the machine. */
  loadAverage: [number, number];
}

/** What ran where: stored with the results, printed under the table. */
export function describeRun(started: number, smoke: boolean, startLoad: number): RunInfo {
  const cpu = cpus();
  return {
    date: new Date(started).toISOString(),
    durationSeconds: round((Date.now() - started) / 1000, 1),
    smoke,
    node: process.version,
    os: `${type()} ${release()}`,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    loadAverage: [round(startLoad, 2), round(loadavg()[0] ?? 0, 2)],
  };
}

/** Writes `results` (numbers rounded to 3 decimals) to `file`, atomically through `file.tmp`. */
export function writeResults(file: string, results: BenchResults, run: RunInfo): void {
  const text = JSON.stringify({ ...results, run }, roundNumbers, 2);
  writeFileSync(`${file}.tmp`, `${text}\n`);
  renameSync(`${file}.tmp`, file);
}

function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value;
}

/** The table of targeted figures, in Markdown so it can go into docs/PERFORMANCE.md as is. */
export function resultsTable(results: BenchResults): string {
  const rows = TARGETS.map((target) => {
    const value = fieldValue(results, target.field);
    const met = meetsTarget(target, value);
    return [
      target.label,
      `\`${target.field}\``,
      `${formatValue(value)} ${target.unit}`.trim(),
      targetText(target),
      met === null ? '' : met ? 'met' : '**missed**',
    ];
  });
  const header = ['figure', 'field', 'value', 'target', ''];
  return [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

/** Targeted fields whose value misses the target. */
export function missedTargets(results: BenchResults): string[] {
  return TARGETS.filter(
    (target) => meetsTarget(target, fieldValue(results, target.field)) === false,
  ).map((target) => target.field);
}

/** The number at a dotted path; NaN when absent. */
export function fieldValue(results: BenchResults, field: string): number {
  let node: unknown = results;
  for (const part of field.split('.')) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  return typeof node === 'number' ? node : Number.NaN;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  const digits =
    Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}
