/** The performance targets (docs/PERFORMANCE.md), in table order. */
export interface Target {
  /** Dotted path into results.json, e.g. verify.us_per_verify_large. */
  field: string;
  label: string;
  unit: string;
  /** Absent: reported, no target of its own. */
  max?: number;
  min?: number;
}

/** Rows of the results table: the targeted fields, plus a few shown for context. */
export const TARGETS: readonly Target[] = [
  { field: 'verify.us_per_verify_small', label: 'verify, 1,000 tokens', unit: 'µs' },
  { field: 'verify.us_per_verify_large', label: 'verify, 100,000 tokens', unit: 'µs', max: 30 },
  { field: 'verify.ratio_large_small', label: 'verify, large ÷ small', unit: '×', max: 1.3 },
  { field: 'ipMatch.ns_per_match', label: 'IP match, 10,000 entries', unit: 'ns', max: 1000 },
  { field: 'ipMatch.speedup', label: 'IP match vs ip-cidr loop', unit: '×', min: 50 },
  { field: 'gateway.ratio', label: 'gateway ÷ bare proxy req/s', unit: '×', min: 0.75 },
  { field: 'gateway.p99_added_ms', label: 'gateway p99 added', unit: 'ms', max: 2 },
  { field: 'forgeKvs.reads_per_request', label: 'Forge KVS reads / request', unit: '', max: 1 },
  {
    field: 'forgeKvs.writes_per_request',
    label: 'Forge KVS writes / request',
    unit: '',
    max: 0.05,
  },
  {
    field: 'adminList.ms_first_page_100k',
    label: 'admin list page, 100,000 tokens',
    unit: 'ms',
    max: 50,
  },
  {
    field: 'bundles.admin_gzip_kb',
    label: 'admin page JS fetched to open, gzip',
    unit: 'KiB',
    max: 300,
  },
  {
    field: 'bundles.user_gzip_kb',
    label: 'user page JS fetched to open, gzip',
    unit: 'KiB',
    max: 200,
  },
  { field: 'bundles.admin_all_gzip_kb', label: 'admin page JS, every chunk, gzip', unit: 'KiB' },
  { field: 'bundles.user_all_gzip_kb', label: 'user page JS, every chunk, gzip', unit: 'KiB' },
];

/** Whether `value` meets `target`; null when the target has no bound. */
export function meetsTarget(target: Target, value: number): boolean | null {
  if (target.max !== undefined) {
    return value <= target.max;
  }
  if (target.min !== undefined) {
    return value >= target.min;
  }
  return null;
}

/** The bound as text: "≤ 30", "≥ 0.75", or "—". */
export function targetText(target: Target): string {
  if (target.max !== undefined) {
    return `≤ ${target.max}`;
  }
  return target.min !== undefined ? `≥ ${target.min}` : '—';
}
