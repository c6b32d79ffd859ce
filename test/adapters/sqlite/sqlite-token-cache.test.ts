/**
 * The SQLite token store answers findByHash from an exact write-through cache: every change
 * through the store is seen by the very next lookup, a revoked token is refused at once, and a
 * closed database still fails closed.
 */
import { openSqliteStores, type SqliteStores } from '../../../src/adapters/local/sqlite';
import { createTokenCache } from '../../../src/adapters/local/sqlite/token-cache';
import { toTokenRow } from '../../../src/adapters/local/sqlite/token-rows';
import { StoreUnavailableError } from '../../../src/ports';
import { FIXED_NOW, MINUTE_MS, tokenAudit, tokenRecord } from '../../support/factories';

let stores: SqliteStores;

beforeEach(() => {
  stores = openSqliteStores({ file: ':memory:' });
});

afterEach(() => stores.close());

/** A stored token, already looked up once so that it is cached. */
async function cachedToken(overrides: Parameters<typeof tokenRecord>[0] = {}) {
  const token = tokenRecord(overrides);
  await stores.tokens.create(token, tokenAudit(token, 'token.created'));
  expect(await stores.tokens.findByHash(token.hash)).toEqual(token);
  return token;
}

describe('SQLite token cache: a revoked token is refused at once', () => {
  it('finds a deleted token no more, and finds it revoked, on the next lookup', async () => {
    const token = await cachedToken();

    await stores.tokens.delete(token.id, tokenAudit(token, 'token.deleted'));

    expect(await stores.tokens.findByHash(token.hash)).toBeNull();
    expect(await stores.tokens.findRevoked(token.hash)).toMatchObject({ ownerId: token.ownerId });
  });

  it("finds none of an owner's tokens once they are all deleted", async () => {
    const first = await cachedToken({ ownerId: 'acc-bob' });
    const second = await cachedToken({ ownerId: 'acc-bob' });

    await stores.tokens.deleteByOwner('acc-bob', tokenAudit(first, 'token.deleted'));

    expect(await stores.tokens.findByHash(first.hash)).toBeNull();
    expect(await stores.tokens.findByHash(second.hash)).toBeNull();
  });

  it('finds the rotated-away token no more and its replacement at once', async () => {
    const old = await cachedToken();
    const next = tokenRecord({ name: old.name });

    await stores.tokens.replace(old.id, next, tokenAudit(next, 'token.rotated'));

    expect(await stores.tokens.findByHash(old.hash)).toBeNull();
    expect(await stores.tokens.findByHash(next.hash)).toEqual(next);
  });
});

describe('SQLite token cache: other changes are seen at once', () => {
  it('returns the new name right after a rename', async () => {
    const token = await cachedToken();

    await stores.tokens.rename(token.id, 'Renamed', tokenAudit(token, 'token.renamed'));

    expect(await stores.tokens.findByHash(token.hash)).toEqual({ ...token, name: 'Renamed' });
  });

  it('returns the last use right after a touch', async () => {
    const token = await cachedToken();

    await stores.tokens.touch(token.id, FIXED_NOW + MINUTE_MS, '192.0.2.7');

    expect(await stores.tokens.findByHash(token.hash)).toEqual({
      ...token,
      lastUsedAt: FIXED_NOW + MINUTE_MS,
      lastUsedIp: '192.0.2.7',
    });
  });

  it('hands out copies: changing a returned record changes no later answer', async () => {
    const token = await cachedToken();

    const found = await stores.tokens.findByHash(token.hash);
    if (found !== null) {
      found.ownerId = 'acc-mallory';
    }

    expect(await stores.tokens.findByHash(token.hash)).toEqual(token);
  });

  it('rejects with StoreUnavailableError for a cached token once the database is closed', async () => {
    const token = await cachedToken();

    stores.close();

    await expect(stores.tokens.findByHash(token.hash)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });
});

describe('token cache bounds', () => {
  it('keeps at most its limit, forgetting the longest kept and reading it again when asked', () => {
    const cache = createTokenCache(2);
    const rows = [tokenRecord(), tokenRecord(), tokenRecord()].map(toTokenRow);
    const reads: string[] = [];
    const lookUp = (index: number): string | undefined => {
      const row = rows[index];
      return row === undefined
        ? undefined
        : cache.byHash(row.hash, () => {
            reads.push(row.id);
            return row;
          })?.id;
    };

    [0, 1, 2, 2, 1, 0].forEach(lookUp);

    expect(reads).toEqual([rows[0]?.id, rows[1]?.id, rows[2]?.id, rows[0]?.id]);
  });
});
