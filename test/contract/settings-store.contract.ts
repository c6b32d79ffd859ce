/** Contract of SettingsStore: defaults, compare-and-set saves, the settings.changed record. */
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/types';
import { FIXED_NOW, auditRecord } from '../support/factories';
import { useFreshStores, type StoreFactory } from './harness';

const PAGE = { limit: 100 };

const CHANGED: Omit<Settings, 'version'> = {
  maxValidity: '1y',
  ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
  trustedProxies: ['127.0.0.1'],
  passwordAuthEnabled: false,
  adminsOnlyCreate: true,
  usersMayUseAssignedTokens: false,
};

function settingsAudit(at: number = FIXED_NOW): ReturnType<typeof auditRecord> {
  return auditRecord({
    action: 'settings.changed',
    targetId: null,
    at,
    changes: [{ field: 'maxValidity', before: 'never', after: '1y' }],
  });
}

/** Registers the SettingsStore tests. */
export function describeSettingsStoreContract(factory: StoreFactory): void {
  describe('SettingsStore', () => {
    const stores = useFreshStores(factory);

    it('returns the defaults, version 1, when nothing was ever saved', async () => {
      expect(await stores().settings.get()).toEqual(DEFAULT_SETTINGS);
      expect(DEFAULT_SETTINGS.version).toBe(1);
    });

    it('returns a copy of the defaults that callers may change without effect', async () => {
      const first = await stores().settings.get();
      first.ipAllowlist.push('192.0.2.1');
      first.maxValidity = '6m';

      expect(await stores().settings.get()).toEqual(DEFAULT_SETTINGS);
      expect(DEFAULT_SETTINGS.ipAllowlist).toEqual([]);
    });

    it('saves at the expected version, returns version + 1 and writes the record', async () => {
      const audit = settingsAudit();

      const result = await stores().settings.save(CHANGED, 1, audit);

      expect(result).toEqual({ ok: true, settings: { ...CHANGED, version: 2 } });
      expect(await stores().settings.get()).toEqual({ ...CHANGED, version: 2 });
      expect((await stores().audit.list(PAGE)).items).toEqual([audit]);
    });

    it('counts versions up across consecutive saves', async () => {
      await stores().settings.save(CHANGED, 1, settingsAudit());

      const result = await stores().settings.save(
        { ...CHANGED, maxValidity: '2y' },
        2,
        settingsAudit(FIXED_NOW + 1),
      );

      expect(result).toEqual({ ok: true, settings: { ...CHANGED, maxValidity: '2y', version: 3 } });
      expect((await stores().settings.get()).version).toBe(3);
    });

    it('refuses a stale version, returns the current settings and writes nothing', async () => {
      await stores().settings.save(CHANGED, 1, settingsAudit());

      const result = await stores().settings.save(
        { ...CHANGED, ipAllowlist: [] },
        1,
        settingsAudit(FIXED_NOW + 1),
      );

      expect(result).toEqual({ ok: false, current: { ...CHANGED, version: 2 } });
      expect(await stores().settings.get()).toEqual({ ...CHANGED, version: 2 });
      expect((await stores().audit.list(PAGE)).items).toHaveLength(1);
    });

    it('refuses a version from the future when nothing was saved yet', async () => {
      const result = await stores().settings.save(CHANGED, 5, settingsAudit());

      expect(result).toEqual({ ok: false, current: DEFAULT_SETTINGS });
      expect(await stores().settings.get()).toEqual(DEFAULT_SETTINGS);
      expect((await stores().audit.list(PAGE)).items).toEqual([]);
    });

    it('sets the version itself even when the saved object carries one', async () => {
      const withVersion: Settings = { ...CHANGED, version: 99 };

      const result = await stores().settings.save(withVersion, 1, settingsAudit());

      expect(result).toEqual({ ok: true, settings: { ...CHANGED, version: 2 } });
      expect((await stores().settings.get()).version).toBe(2);
    });

    it('keeps the stored settings apart from the objects passed in and returned', async () => {
      const next = { ...CHANGED, ipAllowlist: ['10.0.0.0/8'] };
      const result = await stores().settings.save(next, 1, settingsAudit());
      next.ipAllowlist.push('192.0.2.1');
      if (result.ok) {
        result.settings.trustedProxies.push('192.0.2.2');
      }

      const stored = await stores().settings.get();

      expect([stored.ipAllowlist, stored.trustedProxies]).toEqual([['10.0.0.0/8'], ['127.0.0.1']]);
    });
  });
}
