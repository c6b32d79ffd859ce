import { changeLines } from './audit-view';

test('names each setting as the admin guide does, with values people read', () => {
  expect(
    changeLines([
      { field: 'maxValidity', before: '6m', after: 'never' },
      { field: 'ipAllowlist', before: [], after: ['10.0.0.0/8', '192.0.2.1'] },
      { field: 'trustedProxies', before: ['127.0.0.1'], after: [] },
      { field: 'passwordAuthEnabled', before: false, after: true },
      { field: 'adminsOnlyCreate', before: false, after: true },
      { field: 'usersMayUseAssignedTokens', before: true, after: false },
    ]),
  ).toEqual([
    'Token Validity Time: 6 months → Never',
    'IP Address Restrictions: (empty) → 10.0.0.0/8, 192.0.2.1',
    'Trusted proxies: 127.0.0.1 → (empty)',
    'Disable Basic Auth with passwords: on → off',
    'Allow only admins to create tokens: off → on',
    'Allow regular users to use tokens created for them: on → off',
  ]);
});

test('shows a renamed token by name, and an unknown field as it came', () => {
  expect(
    changeLines([
      { field: 'name', before: 'ci', after: 'deploy' },
      { field: 'somethingNew', before: 1, after: 2 },
    ]),
  ).toEqual(['Name: "ci" → "deploy"', 'somethingNew: 1 → 2']);
});
