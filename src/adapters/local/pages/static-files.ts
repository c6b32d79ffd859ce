/**
 * Serves the built pages (static/build/admin and static/build/user): each index.html with the
 * runtime marker and the session's CSRF token added, and their assets with the right content
 * type. A name that is not a plain file name of the assets folder is never read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml } from './security';
import type { AppName } from './routes';

/** static/build, from src/adapters/local/pages (tests) and dist/adapters/local/pages alike. */
export const BUILD_DIR = path.resolve(__dirname, '../../../../static/build');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json; charset=utf-8',
};

const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.[a-z0-9]+$/;

/** A file of a built page and its content type. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** An asset of one page, or null when the name is not allowed or no such file exists. */
export async function readAsset(
  app: AppName,
  name: string,
  buildDir: string = BUILD_DIR,
): Promise<StaticFile | null> {
  const contentType = CONTENT_TYPES[path.extname(name)];
  if (!ASSET_NAME.test(name) || contentType === undefined) {
    return null;
  }
  const folder = path.join(buildDir, app, 'assets');
  const file = path.join(folder, name);
  if (path.dirname(file) !== folder) {
    return null;
  }
  try {
    return { body: await readFile(file), contentType };
  } catch {
    return null;
  }
}

/** The page's index.html marked as served locally and carrying the session's CSRF token; null when not built. */
export async function readAppIndex(
  app: AppName,
  csrfToken: string,
  buildDir: string = BUILD_DIR,
): Promise<string | null> {
  let html: string;
  try {
    html = await readFile(path.join(buildDir, app, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  const metas = `<meta name="runtime" content="local">\n    <meta name="csrf-token" content="${escapeHtml(csrfToken)}">\n  </head>`;
  return html.replace('</head>', metas);
}
