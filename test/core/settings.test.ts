import { diffSettings, validateSettings } from '../../src/core/settings';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/types';

const VALID: Settings = {
  maxValidity: '1y',
  ipAllowlist: ['10.0.0.0/8'],
  trustedProxies: ['127.0.0.1'],
  passwordAuthEnabled: false,
  adminsOnlyCreate: true,
  usersMayUseAssignedTokens: false,
  version: 3,
};

function without(field: keyof Settings): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...VALID };
  delete copy[field];
  return copy;
}

describe('settings validation', () => {
  it('accepts a complete settings object as GET returns it', () => {
    expect(validateSettings(VALID)).toEqual({ ok: true, value: VALID });
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it.each(Object.keys(VALID) as (keyof Settings)[])('requires the field %s', (field) => {
    expect(validateSettings(without(field))).toEqual({
      ok: false,
      errors: [{ field, reason: 'is required' }],
    });
  });

  it('rejects a maximum validity that is not an option, naming the options', () => {
    expect(validateSettings({ ...VALID, maxValidity: '3y' })).toEqual({
      ok: false,
      errors: [{ field: 'maxValidity', reason: 'must be one of 6m, 1y, 2y, never' }],
    });
  });

  it.each(['passwordAuthEnabled', 'adminsOnlyCreate', 'usersMayUseAssignedTokens'])(
    'rejects a %s that is not true or false',
    (field) => {
      expect(validateSettings({ ...VALID, [field]: 'true' })).toEqual({
        ok: false,
        errors: [{ field, reason: 'must be true or false' }],
      });
    },
  );

  it.each([0, -1, 1.5, '2', null])('rejects the version %p', (version) => {
    expect(validateSettings({ ...VALID, version })).toEqual({
      ok: false,
      errors: [{ field: 'version', reason: 'must be a whole number of 1 or more' }],
    });
  });

  it('rejects IP lists that are not lists, and each bad entry by index', () => {
    expect(validateSettings({ ...VALID, ipAllowlist: '10.0.0.1' })).toEqual({
      ok: false,
      errors: [{ field: 'ipAllowlist', reason: 'must be a list of IP addresses or ranges' }],
    });
    expect(validateSettings({ ...VALID, trustedProxies: ['127.0.0.1', 'proxy.local'] })).toEqual({
      ok: false,
      errors: [{ field: 'trustedProxies[1]', reason: expect.stringContaining('not an IPv4') }],
    });
  });

  it('normalises both IP lists on save', () => {
    const result = validateSettings({
      ...VALID,
      ipAllowlist: ['10.1.2.3/8', '::ffff:192.168.0.1', '192.168.0.1'],
      trustedProxies: ['2001:DB8::1'],
    });

    expect(result).toEqual({
      ok: true,
      value: {
        ...VALID,
        ipAllowlist: ['10.0.0.0/8', '192.168.0.1'],
        trustedProxies: ['2001:db8::1'],
      },
    });
  });

  it.each(['0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', '::ffff:0.0.0.0/96'])(
    'refuses the trusted proxy %s, which covers every address of its family',
    (entry) => {
      expect(validateSettings({ ...VALID, trustedProxies: ['127.0.0.1', entry] })).toEqual({
        ok: false,
        errors: [
          {
            field: 'trustedProxies[1]',
            reason: expect.stringMatching(/^covers every IPv[46] address: .*X-Forwarded-For/),
          },
        ],
      });
    },
  );

  it('still accepts a wide but partial trusted proxy range and a catch-all allowlist', () => {
    const result = validateSettings({
      ...VALID,
      ipAllowlist: ['0.0.0.0/0'],
      trustedProxies: ['0.0.0.0/1', '::/1'],
    });

    expect(result.ok).toBe(true);
  });

  it('rejects unknown fields by name', () => {
    expect(validateSettings({ ...VALID, maxValidty: '6m', isAdmin: true })).toEqual({
      ok: false,
      errors: [
        { field: 'maxValidty', reason: 'is not a setting' },
        { field: 'isAdmin', reason: 'is not a setting' },
      ],
    });
  });

  it('reports every bad field at once', () => {
    const result = validateSettings({
      maxValidity: 'forever',
      ipAllowlist: ['10.0.0.0/33'],
      trustedProxies: [],
      passwordAuthEnabled: 1,
      adminsOnlyCreate: false,
      version: 0,
      extra: 1,
    });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field).sort()).toEqual(
      [
        'extra',
        'ipAllowlist[0]',
        'maxValidity',
        'passwordAuthEnabled',
        'usersMayUseAssignedTokens',
        'version',
      ].sort(),
    );
  });

  it('rejects anything that is not an object without throwing', () => {
    for (const input of [null, undefined, 'settings', 42, []]) {
      expect(validateSettings(input)).toEqual({
        ok: false,
        errors: [{ field: 'settings', reason: 'must be a settings object' }],
      });
    }
  });
});

describe('settings changes for the audit log', () => {
  it('lists the changed fields with before and after, ignoring the version', () => {
    const after: Settings = {
      ...DEFAULT_SETTINGS,
      maxValidity: '6m',
      ipAllowlist: ['10.0.0.0/8'],
      version: 2,
    };

    expect(diffSettings(DEFAULT_SETTINGS, after)).toEqual([
      { field: 'maxValidity', before: 'never', after: '6m' },
      { field: 'ipAllowlist', before: [], after: ['10.0.0.0/8'] },
    ]);
  });

  it('finds no change between equal settings with new array instances', () => {
    const copy: Settings = { ...VALID, ipAllowlist: [...VALID.ipAllowlist], version: 9 };

    expect(diffSettings(VALID, copy)).toEqual([]);
  });

  it('sees a reordered IP list as a change', () => {
    const before: Settings = { ...VALID, ipAllowlist: ['10.0.0.1', '10.0.0.2'] };
    const after: Settings = { ...VALID, ipAllowlist: ['10.0.0.2', '10.0.0.1'] };

    expect(diffSettings(before, after).map((c) => c.field)).toEqual(['ipAllowlist']);
  });
});
