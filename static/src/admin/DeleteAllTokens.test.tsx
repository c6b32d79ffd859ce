import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UserSummary } from '../../../src/app/contract';
import type { PublicToken } from '../../../src/core/types';
import { ok, payloadsOf, renderPage } from '../testing/render-page';
import { DeleteAllTokens } from './DeleteAllTokens';

const BOB: UserSummary = {
  accountId: 'acc-bob',
  username: 'bob',
  displayName: 'Bob Example',
  email: 'bob@example.test',
};

function token(id: string): PublicToken {
  return {
    id,
    name: id,
    hint: 'atat_Xy12',
    scope: 'read-write',
    ownerId: BOB.accountId,
    createdAt: '2025-01-01T00:00:00.000Z',
    createdBy: BOB.accountId,
    expiresAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
  };
}

test('asks before deleting all tokens, naming the user and the count', async () => {
  let deleted = 0;
  const page = renderPage(<DeleteAllTokens user={BOB} onDeleted={() => (deleted += 1)} />, {
    listTokens: () => ok({ tokens: [token('a'), token('b'), token('c')] }),
    deleteUserTokens: () => ok({ deleted: 3 }),
  });

  await userEvent.click(screen.getByRole('button', { name: 'Delete all tokens of Bob Example' }));
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByText('Delete all tokens of Bob Example?')).toBeInTheDocument();
  expect(
    within(dialog).getByText(/This deletes all 3 tokens of Bob Example \(bob, bob@example.test\)/),
  ).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'deleteUserTokens')).toEqual([]);

  await userEvent.click(within(dialog).getByRole('button', { name: 'Delete 3 tokens' }));

  await waitFor(() =>
    expect(payloadsOf(page.calls, 'deleteUserTokens')).toEqual([{ user: 'acc-bob' }]),
  );
  expect(deleted).toBe(1);
  expect(await screen.findByText('Tokens deleted')).toBeInTheDocument();
});

test('deletes nothing when the administrator cancels', async () => {
  const page = renderPage(<DeleteAllTokens user={BOB} onDeleted={() => undefined} />, {
    listTokens: () => ok({ tokens: [token('a')] }),
  });

  await userEvent.click(screen.getByRole('button', { name: 'Delete all tokens of Bob Example' }));
  await userEvent.click(
    within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }),
  );

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(payloadsOf(page.calls, 'deleteUserTokens')).toEqual([]);
});
