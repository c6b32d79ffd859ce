/**
 * Which JavaScript files a browser fetches to open each built page: the pages are served from
 * a loopback server, opened in Debian's Chromium (headless, every other host blocked), and the
 * script responses recorded until the network is idle. Each page opens twice: as Forge serves
 * it (no runtime mark: @forge/bridge path) and as the local server marks it (local theme path).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: the only browser on this machine (none is downloaded). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const IDLE_TIMEOUT_MS = 10_000;
const LOCAL_MARK = '<meta name="runtime" content="local" />';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Build-relative paths (e.g. admin/assets/index-x.js) of the scripts one page load fetched. */
export type ScriptLoads = Record<'forge' | 'local', string[]>;

/** Opens `buildDir/<page>/index.html` both ways and lists the scripts each load fetched. */
export async function scriptsLoaded(buildDir: string, page: string): Promise<ScriptLoads> {
  const server = await serveBuild(buildDir);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  try {
    return {
      forge: await openPage(browser, origin, `/${page}/index.html`),
      local: await openPage(browser, origin, `/${page}/index.html?runtime=local`),
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function openPage(browser: Browser, origin: string, path: string): Promise<string[]> {
  const context = await browser.newContext({ colorScheme: 'light' });
  const scripts = new Set<string>();
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) =>
      route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort(),
    );
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === origin && url.pathname.endsWith('.js') && response.ok()) {
        scripts.add(decodeURIComponent(url.pathname.slice(1)));
      }
    });
    await page.goto(origin + path, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: IDLE_TIMEOUT_MS }).catch(() => undefined);
  } finally {
    await context.close();
  }
  return [...scripts].sort();
}

/** Serves files under `root` on a loopback port; index.html gets the local mark on ?runtime=local. */
function serveBuild(buildDir: string): Promise<Server> {
  const root = resolve(buildDir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (request.method !== 'GET' || !file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file)
      .then((content) => {
        const local = url.searchParams.get('runtime') === 'local' && file.endsWith('.html');
        const body = local
          ? content.toString('utf8').replace('<head>', `<head>${LOCAL_MARK}`)
          : content;
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      })
      .catch(() => response.writeHead(404).end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
