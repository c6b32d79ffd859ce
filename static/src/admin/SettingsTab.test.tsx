import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/types';
import { ADA, ok, payloadsOf, refused, renderPage } from '../testing/render-page';
import { SettingsTab } from './SettingsTab';

const SAVED: Settings = { ...DEFAULT_SETTINGS, ipAllowlist: ['10.0.0.0/8'], version: 3 };

function renderSettings(
  settings: Settings,
  handlers: Parameters<typeof renderPage>[1] = {},
): ReturnType<typeof renderPage> & { saved: Settings[] } {
  const saved: Settings[] = [];
  const page = renderPage(
    <SettingsTab
      settings={settings}
      me={ADA}
      onSaved={(next) => saved.push(next)}
      onStale={() => undefined}
    />,
    handlers,
  );
  return Object.assign(page, { saved });
}

test('explains an empty IP list as "every address allowed"', () => {
  renderSettings({ ...DEFAULT_SETTINGS });

  expect(
    screen.getByText('No addresses are listed: requests from every IP address are allowed.'),
  ).toBeInTheDocument();
});

test('adds an entry with + and deletes one with its delete button, then saves the list without blank rows', async () => {
  const page = renderSettings(SAVED, { saveSettings: (next) => ok({ ...next, version: 4 }) });

  await userEvent.click(screen.getByRole('button', { name: 'Add address' }));
  await userEvent.type(screen.getByRole('textbox', { name: 'Allowed address 2' }), '2001:db8::/32');
  await userEvent.click(screen.getByRole('button', { name: 'Add address' }));
  await userEvent.click(
    screen.getByRole('button', { name: 'Delete Allowed address 1 (10.0.0.0/8)' }),
  );
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  await waitFor(() => expect(page.saved).toHaveLength(1));
  expect(payloadsOf(page.calls, 'saveSettings')).toEqual([
    { ...SAVED, ipAllowlist: ['2001:db8::/32'] },
  ]);
});

test('marks each refused entry with its reason, mapping positions past blank rows', async () => {
  renderSettings(SAVED, {
    saveSettings: () =>
      refused(400, 'INVALID_INPUT', 'Invalid settings.', [
        { field: 'ipAllowlist[1]', reason: 'not an IP address, CIDR range or first-last range' },
      ]),
  });

  await userEvent.click(screen.getByRole('button', { name: 'Add address' }));
  await userEvent.click(screen.getByRole('button', { name: 'Add address' }));
  await userEvent.type(screen.getByRole('textbox', { name: 'Allowed address 3' }), '10.0.0.300');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect(
    await screen.findByText('10.0.0.300: not an IP address, CIDR range or first-last range'),
  ).toBeInTheDocument();
  expect(screen.getByRole('textbox', { name: 'Allowed address 3' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(screen.getByRole('textbox', { name: 'Allowed address 1' })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(screen.getByText('The settings were not saved')).toBeInTheDocument();
});

test("marks a refused trusted proxy entry with the server's reason", async () => {
  const reason = 'covers every IPv4 address: list only your proxies';
  renderSettings(SAVED, {
    saveSettings: () =>
      refused(400, 'INVALID_INPUT', 'Invalid settings.', [{ field: 'trustedProxies[0]', reason }]),
  });

  await userEvent.click(screen.getByRole('button', { name: 'Add proxy' }));
  await userEvent.type(screen.getByRole('textbox', { name: 'Trusted proxy 1' }), '0.0.0.0/0');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect(await screen.findByText(`0.0.0.0/0: ${reason}`)).toBeInTheDocument();
  expect(screen.getByRole('textbox', { name: 'Trusted proxy 1' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
});

test('warns what disabling password Basic Auth does before it is saved', async () => {
  const page = renderSettings(
    { ...DEFAULT_SETTINGS },
    { saveSettings: (next) => ok({ ...next, version: 2 }) },
  );

  expect(
    screen.queryByText('Passwords will stop working for the REST API'),
  ).not.toBeInTheDocument();
  await userEvent.click(screen.getByLabelText('Disable Basic Auth with passwords'));
  expect(screen.getByText('Passwords will stop working for the REST API')).toBeInTheDocument();

  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() =>
    expect(payloadsOf(page.calls, 'saveSettings')).toEqual([
      { ...DEFAULT_SETTINGS, passwordAuthEnabled: false },
    ]),
  );
});

test('saves the chosen maximum validity', async () => {
  const page = renderSettings(
    { ...DEFAULT_SETTINGS },
    { saveSettings: (next) => ok({ ...next, version: 2 }) },
  );

  const options = within(
    screen.getByRole('group', { name: 'Maximum validity of a token' }),
  ).getAllByRole('radio');
  expect(options.map((option) => option.getAttribute('value'))).toEqual([
    'never',
    '6m',
    '1y',
    '2y',
  ]);
  await userEvent.click(screen.getByRole('radio', { name: '1 year' }));
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  await waitFor(() =>
    expect(payloadsOf(page.calls, 'saveSettings')).toEqual([
      { ...DEFAULT_SETTINGS, maxValidity: '1y' },
    ]),
  );
});

test('tests an address against the saved list and names the matching entry', async () => {
  const page = renderSettings(SAVED, {
    checkIp: ({ ip }) => ok({ ip, allowed: true, matchedEntry: '10.0.0.0/8' }),
  });

  const field = screen.getByLabelText('Address to test');
  expect(field).toHaveValue('203.0.113.7');
  await userEvent.clear(field);
  await userEvent.type(field, '10.1.2.3');
  await userEvent.click(screen.getByRole('button', { name: 'Test' }));

  expect(await screen.findByText('10.1.2.3 is allowed')).toBeInTheDocument();
  expect(screen.getByText('It matches the entry 10.0.0.0/8.')).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'checkIp')).toEqual([{ ip: '10.1.2.3' }]);
});

test('shows the address the app sees and adds it to the list on request', async () => {
  renderSettings({ ...DEFAULT_SETTINGS });

  expect(screen.getByText('203.0.113.7')).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Add my address' }));

  expect(screen.getByRole('textbox', { name: 'Allowed address 1' })).toHaveValue('203.0.113.7');
});

test("warns next to the list, before saving, when the edited list would refuse the admin's own address", async () => {
  const page = renderSettings({ ...DEFAULT_SETTINGS }, { saveSettings: (next) => ok(next) });
  const warning =
    'Your address 203.0.113.7 is not in the list: REST calls from here will be refused.';

  await userEvent.click(screen.getByRole('button', { name: 'Add address' }));
  await userEvent.type(screen.getByRole('textbox', { name: 'Allowed address 1' }), '192.0.2.0/24');
  expect(screen.getByText(warning)).toBeInTheDocument();
  expect(payloadsOf(page.calls, 'saveSettings')).toEqual([]);

  await userEvent.clear(screen.getByRole('textbox', { name: 'Allowed address 1' }));
  await userEvent.type(
    screen.getByRole('textbox', { name: 'Allowed address 1' }),
    '203.0.113.0/24',
  );
  expect(screen.queryByText(warning)).not.toBeInTheDocument();
});

test('warns after saving a list that refuses the administrator’s own address', async () => {
  renderSettings(
    { ...DEFAULT_SETTINGS },
    {
      saveSettings: (next) => ok({ ...next, version: 2 }),
      checkIp: ({ ip }) => ok({ ip, allowed: false, matchedEntry: null }),
    },
  );

  await userEvent.click(screen.getByRole('button', { name: 'Add address' }));
  await userEvent.type(screen.getByRole('textbox', { name: 'Allowed address 1' }), '192.0.2.0/24');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect(await screen.findByText('Your own address is not allowed')).toBeInTheDocument();
});
