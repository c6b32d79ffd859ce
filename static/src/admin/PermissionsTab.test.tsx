import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS } from '../../../src/core/types';
import { ok, payloadsOf, renderPage } from '../testing/render-page';
import { PermissionsTab } from './PermissionsTab';

test('keeps "use tokens created for them" disabled, with the reason, until only admins may create tokens', async () => {
  renderPage(
    <PermissionsTab
      settings={{ ...DEFAULT_SETTINGS }}
      onSaved={() => undefined}
      onStale={() => undefined}
    />,
    {},
  );

  const dependent = screen.getByRole('checkbox', {
    name: 'Allow regular users to use tokens created for them',
  });
  expect(dependent).toBeDisabled();
  expect(screen.getByText(/Only applies when only admins may create tokens/)).toBeInTheDocument();

  await userEvent.click(
    screen.getByRole('checkbox', { name: 'Allow only admins to create tokens' }),
  );

  expect(dependent).toBeEnabled();
  expect(
    screen.getByText(/When off, REST requests with a token owned by a regular user get 403/),
  ).toBeInTheDocument();
});

test('saves both permissions with the loaded version', async () => {
  const settings = { ...DEFAULT_SETTINGS, version: 7 };
  const page = renderPage(
    <PermissionsTab settings={settings} onSaved={() => undefined} onStale={() => undefined} />,
    {
      saveSettings: (next) => ok({ ...next, version: 8 }),
    },
  );

  await userEvent.click(
    screen.getByRole('checkbox', { name: 'Allow only admins to create tokens' }),
  );
  await userEvent.click(
    screen.getByRole('checkbox', { name: 'Allow regular users to use tokens created for them' }),
  );
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  await waitFor(() =>
    expect(payloadsOf(page.calls, 'saveSettings')).toEqual([
      { ...settings, adminsOnlyCreate: true, usersMayUseAssignedTokens: false },
    ]),
  );
});

test('takes the current settings when another administrator saved first', async () => {
  const current = { ...DEFAULT_SETTINGS, adminsOnlyCreate: true, version: 9 };
  const saved: unknown[] = [];
  renderPage(
    <PermissionsTab
      settings={{ ...DEFAULT_SETTINGS, version: 8 }}
      onSaved={(next) => saved.push(next)}
      onStale={() => undefined}
    />,
    {
      saveSettings: () => ({
        ok: false,
        status: 409,
        error: { code: 'VERSION_CONFLICT', message: 'Stale.', requestId: 'r', current },
      }),
    },
  );

  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect(await screen.findByText('Settings not saved')).toBeInTheDocument();
  expect(saved).toEqual([current]);
});
