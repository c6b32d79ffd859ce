/** Contract of TokenStore.listAll: newest first, keyset paging, filters. */
import type { TokenRecord } from '../../src/core/types';
import type { AdminTokenQuery, Stores } from '../../src/ports';
import { DAY_MS, FIXED_NOW, MINUTE_MS, tokenAudit, tokenRecord } from '../support/factories';
import { collectPages, idsOf, useFreshStores, type StoreFactory } from './harness';

async function seed(stores: Stores, tokens: TokenRecord[]): Promise<void> {
  for (const token of tokens) {
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
  }
}

/** Tokens created one minute apart, the last one newest; owners alternate alice/bob. */
function timeline(count: number): TokenRecord[] {
  return Array.from({ length: count }, (_, i) =>
    tokenRecord({
      ownerId: i % 2 === 0 ? 'acc-alice' : 'acc-bob',
      createdAt: FIXED_NOW + i * MINUTE_MS,
    }),
  );
}

function newestFirst(tokens: TokenRecord[]): string[] {
  return idsOf([...tokens].sort((a, b) => b.createdAt - a.createdAt));
}

/** Every id listAll returns for `query`, page after page from query.cursor on. */
async function listEvery(stores: Stores, query: AdminTokenQuery): Promise<string[]> {
  const fetchPage = (cursor: string | undefined) => stores.tokens.listAll({ ...query, cursor });
  const pages = await collectPages(fetchPage, query.cursor);
  return pages.flatMap((page) => idsOf(page.items));
}

/** Registers the TokenStore.listAll tests. */
export function describeTokenListContract(factory: StoreFactory): void {
  describe('TokenStore: listAll paging', () => {
    const stores = useFreshStores(factory);

    it("lists every owner's tokens newest first", async () => {
      const tokens = timeline(5);
      await seed(stores(), [tokens[2]!, tokens[0]!, tokens[4]!, tokens[1]!, tokens[3]!]);

      const page = await stores().tokens.listAll({ limit: 10 });

      expect(idsOf(page.items)).toEqual(newestFirst(tokens));
      expect(page.nextCursor).toBeUndefined();
    });

    it('pages through every token once, at most `limit` a page, the last page without a cursor', async () => {
      const tokens = timeline(7);
      await seed(stores(), tokens);

      const pages = await collectPages((cursor) => stores().tokens.listAll({ limit: 3, cursor }));

      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((page) => idsOf(page.items))).toEqual(newestFirst(tokens));
    });

    it('ends with no cursor when the last page is exactly full', async () => {
      await seed(stores(), timeline(4));

      const pages = await collectPages((cursor) => stores().tokens.listAll({ limit: 2, cursor }));

      expect(pages.map((page) => page.items.length)).toEqual([2, 2]);
    });

    it('lists tokens created at the same instant once each across pages', async () => {
      const tokens = Array.from({ length: 5 }, () => tokenRecord({ createdAt: FIXED_NOW }));
      await seed(stores(), tokens);

      const listed = await listEvery(stores(), { limit: 2 });

      expect([...listed].sort()).toEqual(idsOf(tokens).sort());
    });

    it('keeps paging stable when newer tokens are created between pages', async () => {
      const tokens = timeline(6);
      await seed(stores(), tokens);
      const first = await stores().tokens.listAll({ limit: 3 });
      await seed(stores(), [tokenRecord({ createdAt: FIXED_NOW + DAY_MS })]);

      const rest = await listEvery(stores(), { limit: 3, cursor: first.nextCursor });

      expect([...idsOf(first.items), ...rest]).toEqual(newestFirst(tokens));
    });

    it('returns an empty page without a cursor when there are no tokens', async () => {
      expect(await stores().tokens.listAll({ limit: 50 })).toEqual({ items: [] });
    });

    it('answers a malformed cursor with an empty last page instead of throwing', async () => {
      await seed(stores(), timeline(2));

      for (const cursor of ['not-a-cursor', '%%%', 'eyJ4IjoxfQ', 'W10', 'x'.repeat(600)]) {
        expect(await stores().tokens.listAll({ limit: 10, cursor })).toEqual({ items: [] });
      }
    });
  });

  describe('TokenStore: listAll filters', () => {
    const stores = useFreshStores(factory);

    it("filters by owner, paging through that owner's tokens only", async () => {
      const tokens = timeline(9);
      await seed(stores(), tokens);

      const listed = await listEvery(stores(), { ownerId: 'acc-bob', limit: 2 });

      expect(listed).toEqual(newestFirst(tokens.filter((t) => t.ownerId === 'acc-bob')));
    });

    it('filters tokens whose stored expiry is before the instant, leaving out never-expiring ones', async () => {
      const limit = FIXED_NOW + 10 * DAY_MS;
      const soon = tokenRecord({ expiresAt: limit - 1, createdAt: FIXED_NOW + 1 });
      const past = tokenRecord({ expiresAt: FIXED_NOW - DAY_MS, createdAt: FIXED_NOW });
      const atLimit = tokenRecord({ expiresAt: limit });
      const later = tokenRecord({ expiresAt: limit + DAY_MS });
      const never = tokenRecord({ expiresAt: null });
      await seed(stores(), [soon, past, atLimit, later, never]);

      const listed = await listEvery(stores(), { expiresBefore: limit, limit: 1 });

      expect(listed).toEqual([soon.id, past.id]);
    });

    it('filters tokens unused since the instant: last used before it, or never used and created before it', async () => {
      const since = FIXED_NOW;
      const usedLongAgo = tokenRecord({
        createdAt: since - 9 * DAY_MS,
        lastUsedAt: since - DAY_MS,
      });
      const neverUsedOld = tokenRecord({ createdAt: since - 5 * DAY_MS });
      const usedRecently = tokenRecord({ createdAt: since - 8 * DAY_MS, lastUsedAt: since });
      const neverUsedNew = tokenRecord({ createdAt: since });
      await seed(stores(), [usedLongAgo, neverUsedOld, usedRecently, neverUsedNew]);

      const listed = await listEvery(stores(), { unusedSince: since, limit: 1 });

      expect(listed).toEqual([neverUsedOld.id, usedLongAgo.id]);
    });

    it('combines the owner, expiry and unused filters', async () => {
      const match = tokenRecord({
        ownerId: 'acc-bob',
        createdAt: FIXED_NOW - 3 * DAY_MS,
        expiresAt: FIXED_NOW,
      });
      const otherOwner = tokenRecord({ createdAt: FIXED_NOW - 3 * DAY_MS, expiresAt: FIXED_NOW });
      const used = tokenRecord({
        ownerId: 'acc-bob',
        createdAt: FIXED_NOW - 3 * DAY_MS,
        expiresAt: FIXED_NOW,
        lastUsedAt: FIXED_NOW,
      });
      const noExpiry = tokenRecord({ ownerId: 'acc-bob', createdAt: FIXED_NOW - 3 * DAY_MS });
      await seed(stores(), [match, otherOwner, used, noExpiry]);

      const page = await stores().tokens.listAll({
        ownerId: 'acc-bob',
        expiresBefore: FIXED_NOW + DAY_MS,
        unusedSince: FIXED_NOW - DAY_MS,
        limit: 10,
      });

      expect(page).toEqual({ items: [match] });
    });
  });
}
