/**
 * Debian's Chromium driven by playwright-core for the browser tests: a fresh profile per
 * browser, every console error and page error collected so a test can fail on them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A running browser with its one page and the errors it logged. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, in order. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches Chromium headless with a new temporary profile and one page. */
export async function openBrowser(options: { baseUrl: string; height?: number }): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'ata-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: options.height ?? 900 },
    acceptDownloads: true,
    colorScheme: 'light',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: options.baseUrl,
  });
  const errors: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(`console: ${message.text()}`);
    }
  });
  context.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the /login form and waits for the page `next` leads to. */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: { username: string; password: string },
  next = '/',
): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}

/** The app inside a product page's frame. */
export function appFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.app');
}

/** Waits until `read` returns `expected` (checked every 100 ms, at most `timeoutMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

/** Opens a design-system select (its input ignores clicks) and picks the option with `label`. */
export async function pickOption(
  page: Page,
  frame: FrameLocator,
  inputId: string,
  label: string,
): Promise<void> {
  await frame.locator(`#${inputId}`).focus();
  await page.keyboard.press('ArrowDown');
  await frame.getByRole('option', { name: label, exact: true }).click();
}
