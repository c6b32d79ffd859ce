/** The SQLite file: data survives a restart, WAL journal, versioned schema, append-only audit. */
import { writeFileSync } from 'node:fs';

import Database from 'better-sqlite3';

import { openSqliteStores } from '../../../src/adapters/local/sqlite';
import { MIGRATIONS } from '../../../src/adapters/local/sqlite/schema';
import { DEFAULT_SETTINGS } from '../../../src/core/types';
import { StoreUnavailableError } from '../../../src/ports';
import { FIXED_NOW, auditRecord, tokenAudit, tokenRecord } from '../../support/factories';
import { useTempDatabaseFile } from './temp-file';

describe('SQLite database file', () => {
  const databaseFile = useTempDatabaseFile();

  it('keeps tokens, settings, audit records and failed attempts across close and reopen', async () => {
    const token = tokenRecord({ expiresAt: FIXED_NOW + 1000 });
    const created = tokenAudit(token, 'token.created');
    const saved = auditRecord({ action: 'settings.changed', targetId: null, at: FIXED_NOW + 1 });
    const attempt = { at: FIXED_NOW, ip: '203.0.113.5', accountId: 'acc-bob' };
    const first = openSqliteStores({ file: databaseFile() });
    await first.tokens.create(token, created);
    const result = await first.settings.save(
      { ...(await first.settings.get()), adminsOnlyCreate: true },
      1,
      saved,
    );
    await first.attempts.record(attempt);
    first.close();

    const again = openSqliteStores({ file: databaseFile() });

    expect(await again.tokens.findByHash(token.hash)).toEqual(token);
    expect(await again.settings.get()).toEqual(result.ok ? result.settings : null);
    expect((await again.settings.get()).version).toBe(2);
    expect((await again.audit.list({ limit: 10 })).items).toEqual([saved, created]);
    expect(await again.attempts.listSince(0, 10)).toEqual([attempt]);
    again.close();
  });

  it('writes in WAL journal mode and records the schema version in user_version', () => {
    openSqliteStores({ file: databaseFile() }).close();
    const raw = new Database(databaseFile(), { readonly: true });

    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
  });

  it('migrates a database of the first schema version to the latest, keeping its tokens', async () => {
    const raw = new Database(databaseFile());
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    raw.exec(`INSERT INTO tokens VALUES ('tok_1', 'h1', 'atat_Ab3x', 'acc-alice', 'Old', 'old',
      'read-only', ${FIXED_NOW}, 'acc-alice', NULL, NULL, NULL)`);
    raw.close();

    const stores = openSqliteStores({ file: databaseFile() });

    expect(await stores.tokens.findByHash('h1')).toMatchObject({ id: 'tok_1', name: 'Old' });
    expect(await stores.tokens.listAll({ unusedSince: FIXED_NOW + 1, limit: 5 })).toMatchObject({
      items: [{ id: 'tok_1' }],
    });
    await stores.tokens.delete('tok_1', auditRecord({ action: 'token.deleted', tokenId: 'tok_1' }));
    expect(await stores.tokens.findRevoked('h1')).toMatchObject({ tokenId: 'tok_1' });
    stores.close();
    const migrated = new Database(databaseFile(), { readonly: true });
    expect(migrated.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    migrated.close();
  });

  it('refuses a file whose schema is newer than this app knows', () => {
    const raw = new Database(databaseFile());
    raw.pragma('user_version = 99');
    raw.close();

    expect(() => openSqliteStores({ file: databaseFile() })).toThrow(StoreUnavailableError);
  });

  it('refuses a file that is not a SQLite database', () => {
    writeFileSync(databaseFile(), 'this is not a database, but it is long enough to look like one');

    expect(() => openSqliteStores({ file: databaseFile() })).toThrow(StoreUnavailableError);
  });

  it('fails closed on a settings row that no longer parses', async () => {
    const stores = openSqliteStores({ file: databaseFile() });
    await stores.settings.save(DEFAULT_SETTINGS, 1, auditRecord({ action: 'settings.changed' }));
    const raw = new Database(databaseFile());
    raw.exec("UPDATE settings SET body = '{not json'");
    raw.close();

    await expect(stores.settings.get()).rejects.toBeInstanceOf(StoreUnavailableError);
    stores.close();
  });

  it('refuses to change or remove audit records, even through plain SQL', async () => {
    const stores = openSqliteStores({ file: databaseFile() });
    await stores.audit.append(auditRecord({ action: 'failures.reset' }));
    stores.close();
    const raw = new Database(databaseFile());

    expect(() => raw.exec("UPDATE audit SET actor_id = 'acc-mallory'")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM audit')).toThrow(/append-only/);
    expect(raw.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(1);
    raw.close();
  });

  it('finds a token by hash with one indexed lookup, not a scan of the tokens', () => {
    openSqliteStores({ file: databaseFile() }).close();
    const raw = new Database(databaseFile(), { readonly: true });

    const plan = raw.prepare('EXPLAIN QUERY PLAN SELECT * FROM tokens WHERE hash = ?').all('x');

    expect(JSON.stringify(plan)).toMatch(/SEARCH tokens USING INDEX/);
    raw.close();
  });
});
