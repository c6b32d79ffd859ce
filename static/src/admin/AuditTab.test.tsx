import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicAuditRecord } from '../../../src/app/contract';
import { ok, payloadsOf, renderPage } from '../testing/render-page';
import { AuditTab } from './AuditTab';

const ADA = {
  accountId: 'acc-ada',
  username: 'admin',
  displayName: 'Ada Admin',
  email: 'admin@example.test',
};
const BOB = {
  accountId: 'acc-bob',
  username: 'bob',
  displayName: 'Bob Example',
  email: 'bob@example.test',
};

const ON_BEHALF: PublicAuditRecord = {
  id: 'aud_1',
  at: '2025-02-28T10:15:00.000Z',
  action: 'token.created',
  actor: ADA,
  target: BOB,
  tokenId: 'tok_1',
  tokenName: 'Deploy',
  actorIp: '127.0.0.1',
  onBehalf: true,
};

const SETTINGS_CHANGE: PublicAuditRecord = {
  ...ON_BEHALF,
  id: 'aud_2',
  action: 'settings.changed',
  target: null,
  tokenId: null,
  tokenName: null,
  onBehalf: false,
  changes: [
    { field: 'maxValidity', before: '6m', after: 'never' },
    { field: 'passwordAuthEnabled', before: true, after: false },
  ],
};

test('marks records made on behalf of another user, and shows settings changes field by field', async () => {
  renderPage(<AuditTab />, { listAudit: () => ok({ records: [ON_BEHALF, SETTINGS_CHANGE] }) });

  expect(await screen.findByText('On behalf')).toBeInTheDocument();
  expect(screen.getAllByText('On behalf')).toHaveLength(1);
  expect(screen.getByText('Token Validity Time: 6 months → Never')).toBeInTheDocument();
  expect(screen.getByText('Disable Basic Auth with passwords: off → on')).toBeInTheDocument();
  expect(screen.queryByText(/maxValidity/)).not.toBeInTheDocument();
  expect(screen.getAllByText('28 Feb 2025, 10:15 UTC')).toHaveLength(2);
});

test('pages with the cursor the server gave, and back', async () => {
  const page = renderPage(<AuditTab />, {
    listAudit: ({ cursor }) =>
      cursor === undefined
        ? ok({ records: [ON_BEHALF], nextCursor: 'c2' })
        : ok({ records: [SETTINGS_CHANGE] }),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Older records' }));
  expect(await screen.findByText('Settings changed')).toBeInTheDocument();
  expect(screen.getByText('Page 2')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Older records' })).toBeDisabled();

  await userEvent.click(screen.getByRole('button', { name: 'Newer records' }));
  expect(await screen.findByText('Page 1')).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'listAudit')).toEqual([
    { limit: 25 },
    { limit: 25, cursor: 'c2' },
    { limit: 25 },
  ]);
});

test('filters by action', async () => {
  const page = renderPage(<AuditTab />, { listAudit: () => ok({ records: [] }) });

  expect(await screen.findByText('No audit records')).toBeInTheDocument();
  await userEvent.click(screen.getByLabelText('Action'));
  await userEvent.click(await screen.findByText('All tokens of a user deleted'));

  await waitFor(() =>
    expect(payloadsOf(page.calls, 'listAudit')).toContainEqual({
      action: 'tokens.deleted_all',
      limit: 25,
    }),
  );
});

test('downloads the CSV of what the filters select', async () => {
  const created: Blob[] = [];
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => (created.push(blob), 'blob:audit'),
    revokeObjectURL: () => undefined,
  });
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(() => undefined);
  const page = renderPage(<AuditTab />, {
    listAudit: () => ok({ records: [] }),
    exportAuditCsv: () => ok({ csv: 'at,action\n2025-02-28T10:15:00.000Z,token.created\n' }),
  });

  await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));

  await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
  expect(payloadsOf(page.calls, 'exportAuditCsv')).toEqual([{}]);
  expect(await blobText(created[0])).toBe('at,action\n2025-02-28T10:15:00.000Z,token.created\n');
  click.mockRestore();
});

function blobText(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob ?? new Blob([]));
  });
}
