import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS } from '../../../src/core/types';
import { ADA, ALICE, ok, payloadsOf, renderPage } from '../testing/render-page';
import { AdminPage } from './AdminPage';

test('tells a non-admin that administrators only may use the page, and loads no settings', async () => {
  const page = renderPage(<AdminPage />, { getMe: () => ok(ALICE) });

  expect(await screen.findByText('Administrators only')).toBeInTheDocument();
  expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  expect(payloadsOf(page.calls, 'getSettings')).toEqual([]);
});

test('shows the four tabs in the admin guide’s words to an administrator', async () => {
  renderPage(<AdminPage />, {
    getMe: () => ok(ADA),
    getSettings: () => ok({ ...DEFAULT_SETTINGS }),
  });

  const tabs = await screen.findAllByRole('tab');
  expect(tabs.map((tab) => tab.textContent)).toEqual([
    'System-Wide Settings',
    'API Tokens',
    'Permissions',
    'Audit Log',
  ]);
  expect(await screen.findByText('Token Validity Time')).toBeInTheDocument();
});

function saveButtonOf(formName: string): HTMLElement {
  const form = screen.getByRole('form', { name: formName });
  return within(form).getByRole('button', { name: 'Save' });
}

test('keeps keyboard focus on Save after the settings are saved, and shows the saved entries', async () => {
  renderPage(<AdminPage />, {
    getMe: () => ok(ADA),
    getSettings: () => ok({ ...DEFAULT_SETTINGS, ipAllowlist: ['10.1.2.3/8'], version: 3 }),
    saveSettings: (next) => ok({ ...next, ipAllowlist: ['10.0.0.0/8'], version: next.version + 1 }),
  });
  await screen.findByRole('form', { name: 'System-Wide Settings' });

  await userEvent.click(saveButtonOf('System-Wide Settings'));

  expect(await screen.findByDisplayValue('10.0.0.0/8')).toBeInTheDocument();
  expect(document.activeElement).toBe(saveButtonOf('System-Wide Settings'));
});

test('keeps keyboard focus on Save after the permissions are saved', async () => {
  const page = renderPage(<AdminPage />, {
    getMe: () => ok(ADA),
    getSettings: () => ok({ ...DEFAULT_SETTINGS, version: 3 }),
    saveSettings: (next) => ok({ ...next, version: next.version + 1 }),
  });
  await userEvent.click(await screen.findByRole('tab', { name: 'Permissions' }));
  await userEvent.click(
    await screen.findByRole('checkbox', { name: 'Allow only admins to create tokens' }),
  );

  await userEvent.click(saveButtonOf('Permissions'));

  await waitFor(() => expect(payloadsOf(page.calls, 'saveSettings')).toHaveLength(1));
  await waitFor(() => expect(saveButtonOf('Permissions')).not.toHaveAttribute('aria-busy', 'true'));
  expect(document.activeElement).toBe(saveButtonOf('Permissions'));
  expect(
    screen.getByRole('checkbox', { name: 'Allow only admins to create tokens' }),
  ).toBeChecked();
});
