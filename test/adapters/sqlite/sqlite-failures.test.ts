/** SQLite failures fail closed: StoreUnavailableError, and a change never lands without its record. */
import { openSqliteStores, type SqliteStores } from '../../../src/adapters/local/sqlite';
import { DEFAULT_SETTINGS } from '../../../src/core/types';
import { NameTakenError, StoreUnavailableError } from '../../../src/ports';
import { FIXED_NOW, auditRecord, tokenAudit, tokenRecord } from '../../support/factories';
import { useTempDatabaseFile } from './temp-file';

const TAKEN_AUDIT_ID = 'aud_taken';

/** Calls of every store method, to run against a closed database. */
const EVERY_METHOD: [string, (stores: SqliteStores) => Promise<unknown>][] = [
  ['tokens.create', (s) => s.tokens.create(tokenRecord(), auditRecord())],
  ['tokens.findByHash', (s) => s.tokens.findByHash('0'.repeat(64))],
  ['tokens.findById', (s) => s.tokens.findById('tok_x')],
  ['tokens.listByOwner', (s) => s.tokens.listByOwner('acc-alice')],
  ['tokens.listAll', (s) => s.tokens.listAll({ limit: 10 })],
  ['tokens.rename', (s) => s.tokens.rename('tok_x', 'n', auditRecord())],
  ['tokens.delete', (s) => s.tokens.delete('tok_x', auditRecord())],
  ['tokens.deleteByOwner', (s) => s.tokens.deleteByOwner('acc-alice', auditRecord())],
  ['tokens.replace', (s) => s.tokens.replace('tok_x', tokenRecord(), auditRecord())],
  ['tokens.touch', (s) => s.tokens.touch('tok_x', FIXED_NOW, null)],
  ['tokens.count', (s) => s.tokens.count()],
  ['settings.get', (s) => s.settings.get()],
  ['settings.save', (s) => s.settings.save(DEFAULT_SETTINGS, 1, auditRecord())],
  ['audit.append', (s) => s.audit.append(auditRecord())],
  ['audit.list', (s) => s.audit.list({ limit: 10 })],
  ['attempts.record', (s) => s.attempts.record({ at: FIXED_NOW, ip: '::1', accountId: null })],
  ['attempts.countByIp', (s) => s.attempts.countByIp('::1', 0)],
  ['attempts.countByUserAtIp', (s) => s.attempts.countByUserAtIp('acc-alice', '::1', 0)],
  ['attempts.listByUser', (s) => s.attempts.listByUser('acc-alice', 0)],
  ['attempts.resetUser', (s) => s.attempts.resetUser('acc-alice')],
  ['attempts.listSince', (s) => s.attempts.listSince(0, 10)],
  ['attempts.prune', (s) => s.attempts.prune(FIXED_NOW)],
];

describe('SQLite failures', () => {
  it.each(EVERY_METHOD)(
    '%s rejects with StoreUnavailableError once the database is closed',
    async (_, call) => {
      const stores = openSqliteStores({ file: ':memory:' });
      stores.close();

      await expect(call(stores)).rejects.toBeInstanceOf(StoreUnavailableError);
    },
  );

  it('reports a clash of hashes as unavailable, not as a taken name, without the hash', async () => {
    const stores = openSqliteStores({ file: ':memory:' });
    const first = tokenRecord();
    await stores.tokens.create(first, tokenAudit(first, 'token.created'));
    const clash = tokenRecord({ hash: first.hash });

    const error: unknown = await stores.tokens
      .create(clash, tokenAudit(clash, 'token.created'))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).not.toBeInstanceOf(NameTakenError);
    expect(String(error)).not.toContain(first.hash);
    stores.close();
  });
});

describe('SQLite writes a change and its audit record together or not at all', () => {
  const file = useTempDatabaseFile();
  let stores: SqliteStores;
  const kept = tokenRecord({ name: 'Kept' });

  beforeEach(async () => {
    stores = openSqliteStores({ file: file() });
    await stores.tokens.create(kept, tokenAudit(kept, 'token.created', { id: TAKEN_AUDIT_ID }));
  });

  afterEach(() => stores.close());

  /** An audit record that cannot be written: its id is already in the log. */
  const failingAudit = (): ReturnType<typeof auditRecord> => auditRecord({ id: TAKEN_AUDIT_ID });

  it('stores no token when its creation record cannot be written', async () => {
    const token = tokenRecord();

    await expect(stores.tokens.create(token, failingAudit())).rejects.toThrow(
      StoreUnavailableError,
    );
    expect(await stores.tokens.findByHash(token.hash)).toBeNull();
  });

  const NEXT = tokenRecord({ name: 'Kept' });
  it.each([
    ['rename', (s: SqliteStores) => s.tokens.rename(kept.id, 'Renamed', failingAudit())],
    ['delete', (s: SqliteStores) => s.tokens.delete(kept.id, failingAudit())],
    ['deleteByOwner', (s: SqliteStores) => s.tokens.deleteByOwner(kept.ownerId, failingAudit())],
    ['replace', (s: SqliteStores) => s.tokens.replace(kept.id, NEXT, failingAudit())],
  ])('leaves the token as it was when the %s record cannot be written', async (_, change) => {
    await expect(change(stores)).rejects.toThrow(StoreUnavailableError);

    expect(await stores.tokens.findByHash(kept.hash)).toEqual(kept);
    expect(await stores.tokens.findByHash(NEXT.hash)).toBeNull();
  });

  it('keeps the settings when their change record cannot be written', async () => {
    const next = { ...DEFAULT_SETTINGS, passwordAuthEnabled: false };

    await expect(stores.settings.save(next, 1, failingAudit())).rejects.toThrow(
      StoreUnavailableError,
    );
    expect(await stores.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});
