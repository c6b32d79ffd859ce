/**
 * Screenshots of the sign-in page, the launcher, each admin tab and the user's page, for the
 * user and admin guides. They go to test-results/screenshots/; with UPDATE_SCREENSHOTS=1 they
 * replace docs/screenshots/ (`UPDATE_SCREENSHOTS=1 npm run test:e2e -- test/e2e/screenshots`).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer, TEST_USERS, type TestServer } from '../support/server';
import { appFrame, openBrowser, signIn, type Browser } from './browser';
import { api, changeSettings, myself } from './rest';

const OUT_DIR = path.resolve(
  __dirname,
  process.env.UPDATE_SCREENSHOTS === '1'
    ? '../../docs/screenshots'
    : '../../test-results/screenshots',
);
const FRAME_HEADER_PX = 56;

let server: TestServer;
let browser: Browser;
let base: string;

/** A site with a few tokens, settings, a failed attempt and audit records to show. */
async function fillSite(): Promise<void> {
  const admin = TEST_USERS.admin;
  await changeSettings(base, {
    ipAllowlist: ['127.0.0.0/8', '10.0.0.0/8', '192.0.2.10-192.0.2.50', '2001:db8::/32'],
  });
  await api(base, admin, 'POST', '/api/v1/tokens', { name: 'Admin scripts', validity: '1y' });
  await api(base, admin, 'POST', '/api/v1/tokens', {
    name: 'CI pipeline',
    validity: '6m',
    scope: 'read-only',
    user: 'alice',
  });
  await api(base, admin, 'POST', '/api/v1/tokens', {
    name: 'Reports',
    validity: '2y',
    user: 'bob',
  });
  const laptop = await api(base, TEST_USERS.alice, 'POST', '/api/v1/tokens', {
    name: 'Laptop',
    validity: '1y',
  });
  await myself(base, 'alice', String(laptop.body.token));
  await myself(base, 'bob', 'not-my-password');
}

beforeAll(async () => {
  server = await startTestServer();
  base = server.baseUrl;
  await fillSite();
  await mkdir(OUT_DIR, { recursive: true });
  browser = await openBrowser({ baseUrl: base, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  expect(browser.errors).toEqual([]);
});

/** Makes the window as tall as the framed app, so one picture shows the whole page. */
async function shootFramed(page: Page, name: string): Promise<void> {
  const height = await appFrame(page)
    .locator('body')
    .evaluate((body) => body.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(4000, height + FRAME_HEADER_PX) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT_DIR, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('sign-in page and launcher', async () => {
  await browser.page.goto(`${base}/login`);
  await browser.page.screenshot({ path: path.join(OUT_DIR, 'login.png') });

  await signIn(browser.page, base, TEST_USERS.admin, '/');
  await browser.page.screenshot({ path: path.join(OUT_DIR, 'launcher.png') });
});

test.each([
  ['System-Wide Settings', 'admin-settings.png', 'Test an address against the saved list'],
  ['API Tokens', 'admin-tokens.png', 'Reports'],
  ['Permissions', 'admin-permissions.png', 'Allow only admins to create tokens'],
  ['Audit Log', 'admin-audit.png', 'Settings changed'],
])('admin tab %s', async (tab, file, shown) => {
  await browser.page.goto(`${base}/jira/admin`);
  const app = appFrame(browser.page);
  await app.getByRole('tab', { name: tab }).click();
  await app.getByText(shown, { exact: true }).first().waitFor();
  await browser.page.waitForLoadState('networkidle');

  await shootFramed(browser.page, file);
});

test('the user’s token page, the secret dialog and the restricted page', async () => {
  await browser.page.goto(`${base}/logout`);
  await browser.page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(browser.page, base, TEST_USERS.alice, '/jira/profile/tokens');
  const app = appFrame(browser.page);
  await app.getByText('CI pipeline').waitFor();
  await shootFramed(browser.page, 'user-tokens.png');

  await app.getByLabel('Token name').fill('Backup job');
  await app.getByRole('button', { name: 'Create token' }).click();
  await app.getByText('This token will not be shown again').waitFor();
  await browser.page.waitForTimeout(500);
  await browser.page.screenshot({ path: path.join(OUT_DIR, 'user-secret.png') });
  await app.getByRole('button', { name: 'I have copied it' }).click();

  await changeSettings(base, { adminsOnlyCreate: true });
  await browser.page.reload();
  await app.getByText('Only administrators may create tokens', { exact: true }).waitFor();
  await shootFramed(browser.page, 'user-restricted.png');
});
