/**
 * A regular user's journey in Chromium against the real local runtime: create with invalid
 * input, the secret shown once and copied, use, rename, rotate, delete, the Confluence page,
 * the admin page refused, and creating from a page left open after creation was restricted.
 * Any console error fails the test.
 */
import { TEST_USERS } from '../support/server';
import { appFrame } from './browser';
import { useBrowserJourney } from './journey';
import { changeSettings, myself } from './rest';

const journey = useBrowserJourney(TEST_USERS.alice, '/jira/profile/tokens');

const secretField = (): ReturnType<ReturnType<typeof appFrame>['getByRole']> =>
  appFrame(journey.page).getByRole('textbox', { name: 'API token', exact: true });

async function closeSecret(): Promise<void> {
  await appFrame(journey.page).getByRole('button', { name: 'I have copied it' }).click();
  await secretField().waitFor({ state: 'detached' });
}

let secret = '';

test('refuses an empty name, then shows the new secret once with a working copy button', async () => {
  const app = appFrame(journey.page);
  await app.getByText('No tokens yet').waitFor();

  await app.getByRole('button', { name: 'Create token' }).click();
  await app.getByText('Enter a name for the token.').waitFor();

  await app.getByLabel('Token name').fill('Laptop');
  await app.getByRole('radio', { name: '6 months' }).check();
  await app.getByRole('button', { name: 'Create token' }).click();
  await app.getByText('This token will not be shown again').waitFor();
  secret = await secretField().inputValue();
  expect(secret).toMatch(/^atat_[0-9A-Za-z]{34}$/);

  await app.getByRole('button', { name: 'Copy' }).click();
  await app.getByText('Copied to the clipboard.').waitFor();
  expect(await journey.page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  await closeSecret();
  await app.getByRole('button', { name: 'Delete Laptop' }).waitFor();
  expect(await app.locator('body').innerText()).not.toContain(secret);
});

test('the token works on the REST API, and the page shows when and from where it was last used', async () => {
  expect(await myself(journey.base, 'alice', secret)).toEqual({ status: 200, name: 'alice' });

  await journey.page.reload();
  await appFrame(journey.page).getByText('from 127.0.0.1').waitFor();
});

test('refuses a name already taken, then renames the token from the keyboard', async () => {
  const app = appFrame(journey.page);
  await app.getByLabel('Token name').fill('laptop');
  await app.getByLabel('Token name').press('Enter');
  await app
    .getByText(/already/i)
    .first()
    .waitFor();

  await app.getByRole('button', { name: 'Rename Laptop' }).focus();
  await journey.page.keyboard.press('Enter');
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Token name').fill('Work laptop');
  await dialog.getByLabel('Token name').press('Enter');

  await app.getByRole('button', { name: 'Delete Work laptop' }).waitFor();
});

test('rotating shows a new secret once and stops the old one at once', async () => {
  const app = appFrame(journey.page);
  await app.getByRole('button', { name: 'Rotate Work laptop' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
  const rotated = await secretField().inputValue();
  await closeSecret();

  expect(rotated).not.toBe(secret);
  expect((await myself(journey.base, 'alice', secret)).status).toBe(401);
  expect(await myself(journey.base, 'alice', rotated)).toEqual({ status: 200, name: 'alice' });
  secret = rotated;
});

test('deletes the token after a confirmation naming it', async () => {
  const app = appFrame(journey.page);
  await app.getByRole('button', { name: 'Delete Work laptop' }).click();
  await app
    .getByRole('dialog')
    .getByText(/Delete “Work laptop”\?/)
    .waitFor();
  await app.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();

  await app.getByText('No tokens yet').waitFor();
  expect((await myself(journey.base, 'alice', secret)).status).toBe(401);
});

test('the Confluence profile page is the same token page in Confluence’s frame', async () => {
  await journey.page.goto(`${journey.base}/confluence/profile/tokens`);

  await journey.page.getByRole('link', { name: 'Confluence' }).waitFor();
  await appFrame(journey.page).getByRole('heading', { name: 'API Tokens', level: 1 }).waitFor();
});

test('a regular user opening the admin page learns it is for administrators only and sees no settings', async () => {
  await journey.page.goto(`${journey.base}/jira/admin`);
  const app = appFrame(journey.page);

  await app.getByText('Administrators only').waitFor();
  expect(await app.getByRole('tab').count()).toBe(0);
});

test('creating from a page left open after only admins may create tokens gets a clear 403 message', async () => {
  await journey.page.goto(`${journey.base}/jira/profile/tokens`);
  const app = appFrame(journey.page);
  await app.getByLabel('Token name').fill('Left open');

  await changeSettings(journey.base, { adminsOnlyCreate: true });
  await app.getByRole('button', { name: 'Create token' }).click();

  await app.getByText('The token was not created').waitFor();
  await app.getByText(/Only administrators may create tokens now \(403 Forbidden\)/).waitFor();
  await app.getByText('Only administrators may create tokens', { exact: true }).waitFor();
  expect(await app.getByRole('button', { name: 'Create token' }).count()).toBe(0);
});
