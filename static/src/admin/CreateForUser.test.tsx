import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreatedToken, UserSummary } from '../../../src/app/contract';
import { ADA, ok, payloadsOf, renderPage } from '../testing/render-page';
import { CreateForUser } from './CreateForUser';

const BOB: UserSummary = {
  accountId: 'acc-bob',
  username: 'bob',
  displayName: 'Bob Example',
  email: 'bob@example.test',
};

const CREATED: CreatedToken = {
  id: 'tok_bob',
  name: 'Reports',
  hint: 'atat_Qw12',
  scope: 'read-only',
  ownerId: 'acc-bob',
  createdAt: '2025-03-01T12:00:00.000Z',
  createdBy: 'acc-ada',
  expiresAt: '2025-09-01T12:00:00.000Z',
  lastUsedAt: null,
  lastUsedIp: null,
  token: 'atat_bobSecretbobSecretbobSecret12AbCdEf',
};

test('asks for the user first and sends nothing without one', async () => {
  const page = renderPage(<CreateForUser me={ADA} onCreated={() => undefined} />, {
    searchUsers: () => ok({ users: [] }),
  });

  await userEvent.type(screen.getByLabelText('Token name'), 'Reports');
  await userEvent.click(screen.getByRole('button', { name: 'Create token for user' }));

  expect(await screen.findByText('Choose the user the token is for.')).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'createToken')).toEqual([]);
});

test('creates the token for the picked user and shows its secret once, naming the owner', async () => {
  const page = renderPage(<CreateForUser me={ADA} onCreated={() => undefined} />, {
    searchUsers: ({ query }) => ok({ users: query === '' || 'bob'.startsWith(query) ? [BOB] : [] }),
    createToken: () => ok(CREATED, 201),
  });

  await userEvent.type(screen.getByLabelText('User'), 'bo');
  await userEvent.click(await screen.findByText('Bob Example (bob, bob@example.test)'));
  await userEvent.type(screen.getByLabelText('Token name'), 'Reports');
  await userEvent.click(screen.getByRole('radio', { name: '6 months' }));
  await userEvent.click(screen.getByRole('radio', { name: 'Read only' }));
  await userEvent.click(screen.getByRole('button', { name: 'Create token for user' }));

  await waitFor(() =>
    expect(payloadsOf(page.calls, 'createToken')).toEqual([
      { name: 'Reports', validity: '6m', scope: 'read-only', user: 'acc-bob' },
    ]),
  );
  expect(await screen.findByLabelText('API token')).toHaveValue(CREATED.token);
  expect(screen.getByText(/can use the REST API as Bob Example/)).toBeInTheDocument();
});
