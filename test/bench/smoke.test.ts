/**
 * A smoke run of `npm run bench` at tiny sizes: the benchmark code runs end to end (SQLite
 * fill, app, Forge fake, real server under load, pages opened in Chromium) and results.json
 * has every field the performance targets name, each a finite number. No timing is asserted:
 * the figures of a tiny run on a shared machine mean nothing. It runs in a child process because the benchmarks
 * load ES modules (tinybench, ip-cidr) that jest's CommonJS runtime cannot.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const REQUIRED_FIELDS = {
  verify: ['us_per_verify_small', 'us_per_verify_large', 'ratio_large_small'],
  ipMatch: ['ns_per_match', 'speedup'],
  gateway: ['ratio', 'p99_added_ms'],
  forgeKvs: ['reads_per_request', 'writes_per_request'],
  adminList: ['ms_first_page_100k'],
  bundles: ['admin_gzip_kb', 'user_gzip_kb'],
} as const;

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  writePage('admin', 'console.log("admin page");\n'.repeat(200));
  writePage('user', 'console.log("user page");\n');
});

/** A built page as Vite lays it out: index.html loading one module script from assets/. */
function writePage(page: string, script: string): void {
  const dir = join(workDir, 'pages', page);
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'assets', `${page}.js`), script);
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="./assets/${page}.js"></script>` +
      '</head><body><div id="root"></div></body></html>',
  );
}

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

test('a tiny bench run writes every field the performance targets name, each a finite number', async () => {
  const out = join(workDir, 'results.json');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '-r',
      './bench/register.js',
      'bench/run.ts',
      '--smoke',
      '--out',
      out,
      '--pages',
      join(workDir, 'pages'),
    ],
    { cwd: ROOT, timeout: 170_000, maxBuffer: 4 * 1024 * 1024 },
  );

  const results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
  for (const [group, fields] of Object.entries(REQUIRED_FIELDS)) {
    for (const field of fields) {
      expect({
        field: `${group}.${field}`,
        finite: Number.isFinite(results[group]?.[field]),
      }).toEqual({
        field: `${group}.${field}`,
        finite: true,
      });
    }
  }
  expect(results.run?.smoke).toBe(true);
  expect(results.ipMatch?.mismatches).toBe(0);
  expect(results.bundles?.admin_scripts_loaded).toBe(1);
  expect(results.bundles?.user_gzip_kb).toBeLessThan(results.bundles?.admin_gzip_kb as number);
  expect(stdout).toContain('| gateway ÷ bare proxy req/s | `gateway.ratio` |');
  expect(stdout).toContain('[6/6] page bundles');
}, 180_000);
