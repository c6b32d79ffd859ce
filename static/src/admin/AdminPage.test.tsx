import { screen } from '@testing-library/react';
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
