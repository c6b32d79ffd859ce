/** bundles: gzipped size of the JavaScript each built page downloads. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundlesOptions {
  /** static/build: holds admin/ and user/ after `npm run build:pages`. */
  buildDir: string;
}

export interface BundlesResult {
  admin_gzip_kb: number;
  user_gzip_kb: number;
  admin_raw_kb: number;
  user_raw_kb: number;
}

/** Sums every .js/.mjs file under each page's build folder, each gzipped at the default level. */
export function measureBundles(options: BundlesOptions): BundlesResult {
  const admin = javaScriptSizes(join(options.buildDir, 'admin'));
  const user = javaScriptSizes(join(options.buildDir, 'user'));
  return {
    admin_gzip_kb: admin.gzip / 1024,
    user_gzip_kb: user.gzip / 1024,
    admin_raw_kb: admin.raw / 1024,
    user_raw_kb: user.raw / 1024,
  };
}

function javaScriptSizes(dir: string): { raw: number; gzip: number } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    /\.m?js$/.test(name),
  );
  if (files.length === 0) {
    throw new Error(`no JavaScript in ${dir}: run npm run build:pages first`);
  }
  let raw = 0;
  let gzip = 0;
  for (const name of files) {
    const content = readFileSync(join(dir, name));
    raw += content.length;
    gzip += gzipSync(content).length;
  }
  return { raw, gzip };
}
