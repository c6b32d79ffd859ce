/** The SettingsStore in SQLite: one row of JSON and a version, saved by compare-and-set. */
import { DEFAULT_SETTINGS, type AuditRecord, type Settings } from '../../../core/types';
import type { SaveSettingsResult, SettingsStore } from '../../../ports';
import type { AuditWriter } from './audit-log';
import type { SqliteDatabase } from './database';
import { guarded } from './errors';

type SettingsFields = Omit<Settings, 'version'>;

interface SettingsRow {
  body: string;
  version: number;
}

/** Exactly the settings fields, with fresh arrays: nothing else is stored or shared. */
function fieldsOf(source: Partial<SettingsFields>): SettingsFields {
  return {
    maxValidity: source.maxValidity ?? DEFAULT_SETTINGS.maxValidity,
    ipAllowlist: [...(source.ipAllowlist ?? DEFAULT_SETTINGS.ipAllowlist)],
    trustedProxies: [...(source.trustedProxies ?? DEFAULT_SETTINGS.trustedProxies)],
    passwordAuthEnabled: source.passwordAuthEnabled ?? DEFAULT_SETTINGS.passwordAuthEnabled,
    adminsOnlyCreate: source.adminsOnlyCreate ?? DEFAULT_SETTINGS.adminsOnlyCreate,
    usersMayUseAssignedTokens:
      source.usersMayUseAssignedTokens ?? DEFAULT_SETTINGS.usersMayUseAssignedTokens,
  };
}

function toSettings(row: SettingsRow | undefined): Settings {
  if (row === undefined) {
    return { ...fieldsOf(DEFAULT_SETTINGS), version: DEFAULT_SETTINGS.version };
  }
  return { ...fieldsOf(JSON.parse(row.body) as Partial<SettingsFields>), version: row.version };
}

/** The SettingsStore over `db`; a save and its audit record share one transaction. */
export function createSettingsStore(db: SqliteDatabase, writeAudit: AuditWriter): SettingsStore {
  const select = db.prepare('SELECT body, version FROM settings WHERE id = 1');
  const upsert = db.prepare(`
    INSERT INTO settings (id, body, version) VALUES (1, @body, @version)
    ON CONFLICT (id) DO UPDATE SET body = excluded.body, version = excluded.version`);

  const read = (): Settings => toSettings(select.get() as SettingsRow | undefined);

  const save = db.transaction(
    (next: SettingsFields, expectedVersion: number, audit: AuditRecord): SaveSettingsResult => {
      const current = read();
      if (current.version !== expectedVersion) {
        return { ok: false, current };
      }
      const fields = fieldsOf(next);
      const version = expectedVersion + 1;
      upsert.run({ body: JSON.stringify(fields), version });
      writeAudit(audit);
      return { ok: true, settings: { ...fields, version } };
    },
  );

  return {
    get: async () => guarded(read),
    save: async (next, expectedVersion, audit) => guarded(() => save(next, expectedVersion, audit)),
  };
}
