/** System-wide settings: versioned saves, validation that stores nothing, the cache, the IP check. */
import type { Settings } from '../../src/core/types';
import { DEFAULT_SETTINGS } from '../../src/core/types';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('save', () => {
  it('saves, bumps the version and audits each changed field', async () => {
    const saved = await h.run('admin', 'saveSettings', {
      ...DEFAULT_SETTINGS,
      maxValidity: '1y',
      ipAllowlist: ['10.0.0.1/8'],
    });
    expect(saved).toMatchObject({
      ok: true,
      status: 200,
      data: { maxValidity: '1y', ipAllowlist: ['10.0.0.0/8'], version: 2 },
    });
    const [record] = (await h.stores.audit.list({ limit: 1 })).items;
    expect(record).toMatchObject({
      action: 'settings.changed',
      actorId: 'acc-admin',
      targetId: null,
    });
    expect(record?.changes).toEqual(
      expect.arrayContaining([
        { field: 'maxValidity', before: 'never', after: '1y' },
        { field: 'ipAllowlist', before: [], after: ['10.0.0.0/8'] },
      ]),
    );
  });

  it('refuses a stale version with 409, returns the current settings and changes nothing', async () => {
    await h.configure({ passwordAuthEnabled: false });
    const stale = await h.run('admin', 'saveSettings', { ...DEFAULT_SETTINGS, maxValidity: '6m' });
    expect(stale).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'VERSION_CONFLICT', current: { passwordAuthEnabled: false, version: 2 } },
    });
    expect(await h.stores.settings.get()).toMatchObject({ maxValidity: 'never', version: 2 });
    expect((await h.stores.audit.list({ limit: 10 })).items).toHaveLength(1);
  });

  it('refuses one bad IP among good ones with 400 naming ipAllowlist[1], storing nothing', async () => {
    const result = await h.run('admin', 'saveSettings', {
      ...DEFAULT_SETTINGS,
      maxValidity: '2y',
      ipAllowlist: ['10.0.0.0/8', '300.1.1.1', '192.0.2.1'],
    });
    expect(result).toMatchObject({ status: 400, error: { code: 'INVALID_INPUT' } });
    const details = result.ok ? [] : (result.error.details ?? []);
    expect(details.map((detail) => detail.field)).toEqual(['ipAllowlist[1]']);
    expect(await h.stores.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect((await h.stores.audit.list({ limit: 10 })).items).toEqual([]);
  });

  it('is for administrators only', async () => {
    expect(await h.run('alice', 'saveSettings', DEFAULT_SETTINGS)).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
    expect(await h.run('alice', 'getSettings', {})).toMatchObject({ status: 403 });
    expect(await h.run('admin', 'getSettings', {})).toEqual({
      ok: true,
      status: 200,
      data: DEFAULT_SETTINGS,
    });
  });
});

describe('cache', () => {
  it('serves settings from memory for the cache time, and a save through the app at once', async () => {
    const cached = createHarness({ settingsCacheMs: 5000 });
    try {
      const get = jest.spyOn(cached.stores.settings, 'get');
      await cached.app.currentSettings();
      await cached.app.currentSettings();
      expect(get).toHaveBeenCalledTimes(1);

      const next: Settings = { ...(await cached.stores.settings.get()), adminsOnlyCreate: true };
      await cached.run('admin', 'saveSettings', next);
      expect((await cached.app.currentSettings()).settings.adminsOnlyCreate).toBe(true);

      cached.clock.advance(5000);
      get.mockClear();
      await cached.app.currentSettings();
      expect(get).toHaveBeenCalledTimes(1);
    } finally {
      cached.close();
    }
  });
});

describe('IP check', () => {
  it('says whether an address is allowed and which entry matched', async () => {
    await h.configure({ ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(await h.run('admin', 'checkIp', { ip: '::ffff:10.1.2.3' })).toEqual({
      ok: true,
      status: 200,
      data: { ip: '10.1.2.3', allowed: true, matchedEntry: '10.0.0.0/8' },
    });
    expect(await h.run('admin', 'checkIp', { ip: '192.0.2.1' })).toMatchObject({
      data: { allowed: false, matchedEntry: null },
    });
    expect(await h.run('admin', 'checkIp', { ip: 'not-an-ip' })).toMatchObject({
      status: 400,
      error: { details: [{ field: 'ip' }] },
    });
  });
});
