/**
 * The administrator's journey in Chromium against the real local runtime: settings with
 * invalid input, password Basic Auth, permissions, tokens for other users, delete-all,
 * failed attempts and the audit log. Any console error fails the test.
 */
import { readFile } from 'node:fs/promises';
import { TEST_USERS } from '../support/server';
import { appFrame, eventually, pickOption } from './browser';
import { useBrowserJourney } from './journey';
import { api, myself } from './rest';

const journey = useBrowserJourney(TEST_USERS.admin, '/jira/admin');

async function openTab(name: string): Promise<void> {
  await journey.page.goto(`${journey.base}/jira/admin`);
  await appFrame(journey.page).getByRole('tab', { name }).click();
}

test('marks an invalid IP entry with the server’s reason, saves the corrected list and tests addresses', async () => {
  const app = appFrame(journey.page);
  await app
    .getByText('No addresses are listed: requests from every IP address are allowed.')
    .waitFor();

  await app.getByRole('button', { name: 'Add address' }).click();
  await app.getByRole('textbox', { name: 'Allowed address 1' }).fill('10.0.0.300');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByText(/^10\.0\.0\.300: /).waitFor();
  await app.getByText('The settings were not saved').waitFor();

  await app.getByRole('textbox', { name: 'Allowed address 1' }).fill('127.0.0.0/8');
  await app.getByRole('button', { name: 'Add address' }).click();
  await app.getByRole('textbox', { name: 'Allowed address 2' }).fill('2001:db8::/32');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByText('Settings saved').waitFor();

  const settings = await api(journey.base, TEST_USERS.admin, 'GET', '/api/v1/settings');
  expect(settings.body.ipAllowlist).toEqual(['127.0.0.0/8', '2001:db8::/32']);

  await app.getByLabel('Address to test').fill('127.0.0.5');
  await app.getByRole('button', { name: 'Test', exact: true }).click();
  await app.getByText('It matches the entry 127.0.0.0/8.').waitFor();
  await app.getByLabel('Address to test').fill('192.0.2.1');
  await app.getByRole('button', { name: 'Test', exact: true }).click();
  await app.getByText('192.0.2.1 is refused').waitFor();
});

test('warns before disabling password Basic Auth, after which REST calls with a password get 403', async () => {
  await openTab('System-Wide Settings');
  const app = appFrame(journey.page);

  await app.getByText('Disable Basic Auth with passwords', { exact: true }).last().click();
  await app.getByText('Passwords will stop working for the REST API').waitFor();
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByText('Settings saved').waitFor();
  expect((await myself(journey.base, 'alice', TEST_USERS.alice.password)).status).toBe(403);

  await app.getByText('Disable Basic Auth with passwords', { exact: true }).last().click();
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByText('Settings saved').nth(0).waitFor();
  await eventually(
    async () => (await myself(journey.base, 'alice', TEST_USERS.alice.password)).status,
    200,
  );
});

test('keeps the dependent permission disabled until only admins may create tokens', async () => {
  await openTab('Permissions');
  const app = appFrame(journey.page);
  const dependent = app.getByRole('checkbox', {
    name: 'Allow regular users to use tokens created for them',
  });

  await eventually(() => dependent.isDisabled(), true);
  await app.getByRole('checkbox', { name: 'Allow only admins to create tokens' }).check();
  await eventually(() => dependent.isEnabled(), true);
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByText('Settings saved').waitFor();

  const settings = await api(journey.base, TEST_USERS.admin, 'GET', '/api/v1/settings');
  expect(settings.body.adminsOnlyCreate).toBe(true);
});

async function createTokenForAlice(name: string): Promise<string> {
  const app = appFrame(journey.page);
  await app.locator('#create-for-user').fill('ali');
  await app.getByRole('option', { name: 'Alice Example (alice, alice@example.test)' }).click();
  await app.locator('#token-for-user-name').fill(name);
  await app.getByRole('button', { name: 'Create token for user' }).click();
  const secretField = app.getByRole('textbox', { name: 'API token', exact: true });
  const secret = await secretField.inputValue();
  await app.getByRole('button', { name: 'I have copied it' }).click();
  await secretField.waitFor({ state: 'detached' });
  return secret;
}

test('creates tokens for a user, then deletes all of them after a confirmation naming her and the count', async () => {
  await openTab('API Tokens');
  const app = appFrame(journey.page);

  const deploy = await createTokenForAlice('Deploy');
  await createTokenForAlice('Reports');
  expect(await myself(journey.base, 'alice', deploy)).toEqual({ status: 200, name: 'alice' });

  await app.locator('#filter-user').fill('ali');
  await app.getByRole('option', { name: 'Alice Example (alice, alice@example.test)' }).click();
  await app.getByRole('button', { name: 'Delete Deploy of Alice Example' }).waitFor();
  await app.getByRole('button', { name: 'Delete all tokens of Alice Example' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByText(/This deletes all 2 tokens of Alice Example/).waitFor();
  await dialog.getByRole('button', { name: 'Delete 2 tokens' }).click();

  await app.getByText('No token matches these filters.').waitFor();
  expect((await myself(journey.base, 'alice', deploy)).status).toBe(401);
});

test('refuses a days filter that is not a number', async () => {
  await openTab('API Tokens');
  const app = appFrame(journey.page);

  await app.getByLabel('Unused for (days)').fill('soon');
  await app.getByRole('button', { name: 'Apply filters' }).click();

  await app.getByText('Enter a whole number of days from 1 to 3650, or leave it empty.').waitFor();
});

test('lists failed attempts per user and resets them', async () => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    expect((await myself(journey.base, 'bob', `wrong-${attempt}`)).status).toBe(401);
  }
  await openTab('API Tokens');
  const app = appFrame(journey.page);

  await app.getByRole('cell', { name: 'Bob Example', exact: true }).waitFor();
  await app.getByRole('button', { name: 'Reset failed attempts of Bob Example' }).click();

  await app.getByText('Failed attempts reset').waitFor();
  await app.getByRole('cell', { name: 'Bob Example', exact: true }).waitFor({ state: 'detached' });
});

test('shows on-behalf records in the audit log, filters them and downloads the CSV', async () => {
  await openTab('Audit Log');
  const app = appFrame(journey.page);

  await app.getByText('On behalf').first().waitFor();
  await pickOption(journey.page, app, 'audit-action', 'All tokens of a user deleted');
  await app.getByRole('cell', { name: '2 tokens' }).waitFor();

  const download = journey.page.waitForEvent('download');
  await app.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv.split('\n')[0]).toContain('action');
  expect(csv).toContain('tokens.deleted_all');
  expect(csv).not.toContain('token.created');
});
