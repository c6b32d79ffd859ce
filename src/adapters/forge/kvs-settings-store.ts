/**
 * SettingsStore on @forge/kvs: one record of the `settings` entity. A save is one transaction
 * of the new settings and their audit record, conditioned on the stored version (or, before
 * the first save, on there being no record): two admins saving at once cannot both win.
 */
import { FilterConditions, Filter, kvs } from '@forge/kvs';

import { DEFAULT_SETTINGS, type AuditRecord, type Settings } from '../../core/types';
import { StoreUnavailableError, type SaveSettingsResult, type SettingsStore } from '../../ports';
import { commit } from './kvs-access';
import { fromSettingsItem, toSettingsItem, type SettingsItem } from './kvs-items';
import { ENTITY, SETTINGS_KEY } from './kvs-keys';
import { KvsReadBatcher } from './kvs-read-batch';
import { addAudit } from './kvs-token-writes';

function defaults(): Settings {
  return toSettingsItem(DEFAULT_SETTINGS);
}

/** Holds when the stored version is `version` (version 1 also matches "never saved"). */
function atVersion(version: number): ReturnType<Filter<SettingsItem>['or']> {
  const condition = new Filter<SettingsItem>().or('version', FilterConditions.equalTo(version));
  return version === DEFAULT_SETTINGS.version
    ? condition.or('version', FilterConditions.notExists())
    : condition;
}

/** The settings store on @forge/kvs. */
export class KvsSettingsStore implements SettingsStore {
  /** Reads of the same moment, sent together (the gateway's refresh joins its token read). */
  private readonly reads: KvsReadBatcher;

  constructor(options: { reads?: KvsReadBatcher } = {}) {
    this.reads = options.reads ?? new KvsReadBatcher();
  }

  async get(): Promise<Settings> {
    const item = await this.reads.read<SettingsItem>({
      entity: ENTITY.settings,
      key: SETTINGS_KEY,
    });
    return item === undefined ? defaults() : fromSettingsItem(item);
  }

  async save(
    next: Omit<Settings, 'version'>,
    expectedVersion: number,
    audit: AuditRecord,
  ): Promise<SaveSettingsResult> {
    const saved = toSettingsItem({ ...next, version: expectedVersion + 1 });
    const transaction = kvs.transact();
    transaction.set<SettingsItem>(SETTINGS_KEY, saved, {
      entityName: ENTITY.settings,
      conditions: atVersion(expectedVersion),
    });
    addAudit(transaction, audit);

    if ((await commit('settings save', transaction)) === 'committed') {
      return { ok: true, settings: toSettingsItem(saved) };
    }
    const current = await this.get();
    if (current.version !== expectedVersion) {
      return { ok: false, current };
    }
    throw new StoreUnavailableError('settings save was refused by storage');
  }
}
