/**
 * bundles: gzipped JavaScript of each built page. The headline is what a browser fetches to
 * open the page in either runtime (entry, @forge/bridge, theme chunks); every chunk in the
 * page's folder, most of them loaded only on demand (other themes, dialogs), is reported too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { scriptsLoaded } from './page-loads';

export interface BundlesOptions {
  /** static/build: holds admin/ and user/ after `npm run build:pages`. */
  buildDir: string;
}

export interface BundlesResult {
  admin_gzip_kb: number;
  user_gzip_kb: number;
  admin_all_gzip_kb: number;
  user_all_gzip_kb: number;
  admin_scripts_loaded: number;
  user_scripts_loaded: number;
}

const KIB = 1024;

/** Opens each page in Chromium, then gzips (default level, each file apart) what it fetched. */
export async function measureBundles(options: BundlesOptions): Promise<BundlesResult> {
  const admin = await pageSizes(options.buildDir, 'admin');
  const user = await pageSizes(options.buildDir, 'user');
  return {
    admin_gzip_kb: admin.loaded / KIB,
    user_gzip_kb: user.loaded / KIB,
    admin_all_gzip_kb: admin.all / KIB,
    user_all_gzip_kb: user.all / KIB,
    admin_scripts_loaded: admin.scripts,
    user_scripts_loaded: user.scripts,
  };
}

async function pageSizes(
  buildDir: string,
  page: string,
): Promise<{ loaded: number; all: number; scripts: number }> {
  const everyScript = readdirSync(join(buildDir, page), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.m?js$/.test(name))
    .map((name) => join(page, name));
  if (everyScript.length === 0) {
    throw new Error(`no JavaScript in ${join(buildDir, page)}: run npm run build:pages first`);
  }
  const loads = await scriptsLoaded(buildDir, page);
  const loaded = [...new Set([...loads.forge, ...loads.local])];
  const gzipped = (files: string[]): number =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(join(buildDir, file))).length, 0);
  return { loaded: gzipped(loaded), all: gzipped(everyScript), scripts: loaded.length };
}
