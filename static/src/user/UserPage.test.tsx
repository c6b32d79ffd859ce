import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreatedToken } from '../../../src/app/contract';
import type { PublicToken } from '../../../src/core/types';
import { ALICE, FIXED_NOW, ok, payloadsOf, refused, renderPage } from '../testing/render-page';
import { UserPage } from './UserPage';

const BUILD_TOKEN: PublicToken = {
  id: 'tok_build',
  name: 'Build server',
  hint: 'atat_Ab3x',
  scope: 'read-write',
  ownerId: 'acc-alice',
  createdAt: '2025-01-10T09:00:00.000Z',
  createdBy: 'acc-alice',
  expiresAt: '2026-01-10T09:00:00.000Z',
  lastUsedAt: '2025-02-20T08:30:00.000Z',
  lastUsedIp: '198.51.100.4',
};

const SECRET = 'atat_Zq81xk2Lr0vNwS5yPcA7bD9eFgHiJk12AbC';

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
});

afterEach(() => {
  jest.restoreAllMocks();
});

test('says "No tokens yet" when the user has no tokens', async () => {
  renderPage(<UserPage />, { getMe: () => ok(ALICE), listTokens: () => ok({ tokens: [] }) });

  expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Create token' })).toBeInTheDocument();
});

test('lists a token with its effective expiry, last use and the address it came from', async () => {
  renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
  });

  const row = await screen.findByTestId('token-row-tok_build');
  expect(within(row).getByText('Build server')).toBeInTheDocument();
  expect(within(row).getByText('10 Jan 2026, 09:00 UTC')).toBeInTheDocument();
  expect(within(row).getByText('20 Feb 2025, 08:30 UTC')).toBeInTheDocument();
  expect(within(row).getByText('from 198.51.100.4')).toBeInTheDocument();
  expect(within(row).getByText('Read and write')).toBeInTheDocument();
});

test('offers only the validity times the settings allow', async () => {
  renderPage(<UserPage />, {
    getMe: () => ok({ ...ALICE, validityOptions: ['6m', '1y'], maxValidity: '1y' }),
    listTokens: () => ok({ tokens: [] }),
  });

  const validity = await screen.findByRole('group', { name: 'Validity' });
  const offered = within(validity)
    .getAllByRole('radio')
    .map((radio) => radio.getAttribute('value'));
  expect(offered).toEqual(['6m', '1y']);
  expect(within(validity).getByRole('radio', { name: '1 year' })).toBeChecked();
});

test('refuses an empty name without asking the server', async () => {
  const page = renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [] }),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Create token' }));

  expect(screen.getByText('Enter a name for the token.')).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'createToken')).toEqual([]);
});

test('shows the secret once, with a copy button and the warning, and not after closing', async () => {
  const created: CreatedToken = {
    ...BUILD_TOKEN,
    id: 'tok_ci',
    name: 'CI',
    scope: 'read-only',
    token: SECRET,
  };
  const page = renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [] }),
    createToken: () => ok(created, 201),
  });

  await userEvent.type(await screen.findByLabelText('Token name'), '  CI  ');
  await userEvent.click(screen.getByRole('radio', { name: '6 months' }));
  await userEvent.click(screen.getByRole('radio', { name: 'Read only' }));
  await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

  expect(await screen.findByText('This token will not be shown again')).toBeInTheDocument();
  expect(screen.getByLabelText('API token')).toHaveValue(SECRET);
  expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'createToken')).toEqual([
    { name: 'CI', validity: '6m', scope: 'read-only' },
  ]);

  await userEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
  await waitFor(() => expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument());
});

test('shows the name-taken reason under the name field', async () => {
  renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
    createToken: () =>
      refused(409, 'NAME_TAKEN', 'You already have a token called "Build server".'),
  });

  await userEvent.type(await screen.findByLabelText('Token name'), 'build server');
  await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

  expect(
    await screen.findByText('You already have a token called "Build server".'),
  ).toBeInTheDocument();
  expect(screen.getByLabelText('Token name')).toHaveAttribute('aria-invalid', 'true');
});

test('shows an information message instead of the form when only admins may create tokens', async () => {
  renderPage(<UserPage />, {
    getMe: () => ok({ ...ALICE, canCreateTokens: false, adminsOnlyCreate: true }),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
  });

  expect(await screen.findByText('Only administrators may create tokens')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
  expect(await screen.findByText('Build server')).toBeInTheDocument();
});

test('hides Rotate, and says why, when only admins may create tokens', async () => {
  renderPage(<UserPage />, {
    getMe: () => ok({ ...ALICE, canCreateTokens: false, adminsOnlyCreate: true }),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
  });

  const row = await screen.findByTestId('token-row-tok_build');
  expect(
    within(row).queryByRole('button', { name: 'Rotate Build server' }),
  ).not.toBeInTheDocument();
  expect(within(row).getByRole('button', { name: 'Rename Build server' })).toBeInTheDocument();
  expect(within(row).getByRole('button', { name: 'Delete Build server' })).toBeInTheDocument();
  expect(
    screen.getByText(/Ask one of them to create or rotate a token for you\./),
  ).toBeInTheDocument();
});

test('explains a 403 when the page was left open after creation was restricted, then hides the form', async () => {
  let restricted = false;
  renderPage(<UserPage />, {
    getMe: () =>
      ok(restricted ? { ...ALICE, canCreateTokens: false, adminsOnlyCreate: true } : ALICE),
    listTokens: () => ok({ tokens: [] }),
    createToken: () => {
      restricted = true;
      return refused(403, 'TOKEN_CREATION_RESTRICTED', 'Only administrators may create tokens.');
    },
  });

  await userEvent.type(await screen.findByLabelText('Token name'), 'Laptop');
  await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

  expect(await screen.findByText('The token was not created')).toBeInTheDocument();
  expect(
    screen.getByText(/Only administrators may create tokens now \(403 Forbidden\)/),
  ).toBeInTheDocument();
  expect(await screen.findByText('Only administrators may create tokens')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
});

test('asks before deleting a token, naming it, and deletes nothing on Cancel', async () => {
  const page = renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
    deleteToken: () => ok(null, 204),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Delete Build server' }));
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByText(/Delete “Build server”\?/)).toBeInTheDocument();
  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(payloadsOf(page.calls, 'deleteToken')).toEqual([]);

  await userEvent.click(screen.getByRole('button', { name: 'Delete Build server' }));
  await userEvent.click(
    within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }),
  );
  await waitFor(() => expect(payloadsOf(page.calls, 'deleteToken')).toEqual([{ id: 'tok_build' }]));
});

test('rotating shows the new secret once', async () => {
  const rotated: CreatedToken = { ...BUILD_TOKEN, id: 'tok_new', token: SECRET };
  const page = renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
    rotateToken: () => ok(rotated, 201),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Rotate Build server' }));
  await userEvent.click(
    within(await screen.findByRole('dialog')).getByRole('button', { name: 'Rotate' }),
  );

  expect(await screen.findByLabelText('API token')).toHaveValue(SECRET);
  expect(payloadsOf(page.calls, 'rotateToken')).toEqual([{ id: 'tok_build' }]);
});

test('keeps the rename dialog open with the server reason when the name is taken', async () => {
  renderPage(<UserPage />, {
    getMe: () => ok(ALICE),
    listTokens: () => ok({ tokens: [BUILD_TOKEN] }),
    renameToken: () => refused(409, 'NAME_TAKEN', 'You already have a token called "Laptop".'),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Rename Build server' }));
  const dialog = await screen.findByRole('dialog');
  const field = within(dialog).getByLabelText('Token name');
  await userEvent.clear(field);
  await userEvent.type(field, 'Laptop{Enter}');

  expect(
    await within(dialog).findByText('You already have a token called "Laptop".'),
  ).toBeInTheDocument();
});

test('shows the address the app sees for the user, for troubleshooting IP restrictions', async () => {
  renderPage(<UserPage />, { getMe: () => ok(ALICE), listTokens: () => ok({ tokens: [] }) });

  expect(
    await screen.findByText(/Your address, as the app sees it: 203\.0\.113\.7\./),
  ).toBeInTheDocument();
});
