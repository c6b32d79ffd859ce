/**
 * Contract of TokenStore.listAll's expiry filter under a maximum validity: it selects by the
 * effective expiry min(expiresAt, createdAt + maxValidity), in calendar months as the core
 * counts them, so tokens a lowered maximum shortened are not missed.
 */
import type { TokenRecord } from '../../src/core/types';
import { expiryFor } from '../../src/core/validity';
import type { AdminTokenQuery, Stores } from '../../src/ports';
import { DAY_MS, FIXED_NOW, tokenAudit, tokenRecord } from '../support/factories';
import { collectPages, idsOf, useFreshStores, type StoreFactory } from './harness';

const WITHIN = FIXED_NOW + 30 * DAY_MS;

async function seed(stores: Stores, tokens: TokenRecord[]): Promise<void> {
  for (const token of tokens) {
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
  }
}

async function listEvery(stores: Stores, query: AdminTokenQuery): Promise<string[]> {
  const pages = await collectPages((cursor) => stores.tokens.listAll({ ...query, cursor }));
  return pages.flatMap((page) => idsOf(page.items));
}

/** A token created `daysAgo` before FIXED_NOW for `validity`, expiring as the core computes. */
function createdFor(daysAgo: number, validity: '6m' | '2y' | 'never'): TokenRecord {
  const createdAt = FIXED_NOW - daysAgo * DAY_MS;
  return tokenRecord({ createdAt, expiresAt: expiryFor(validity, createdAt) });
}

/** Registers the listAll tests of the effective-expiry filter. */
export function describeTokenExpiryFilterContract(factory: StoreFactory): void {
  describe('TokenStore: listAll by effective expiry', () => {
    const stores = useFreshStores(factory);

    it('finds tokens a lower maximum validity caps before the instant, newest first, page by page', async () => {
      const cappedNever = createdFor(350, 'never');
      const cappedTwoYears = createdFor(340, '2y');
      const ownExpiry = createdFor(170, '6m');
      const laterTwoYears = createdFor(10, '2y');
      const laterNever = createdFor(0, 'never');
      await seed(stores(), [cappedNever, cappedTwoYears, ownExpiry, laterTwoYears, laterNever]);

      const listed = await listEvery(stores(), {
        expiresBefore: WITHIN,
        maxValidity: '1y',
        limit: 1,
      });

      expect(listed).toEqual([ownExpiry.id, cappedTwoYears.id, cappedNever.id]);
    });

    it('filters by the stored expiry alone when the maximum is never', async () => {
      const never = createdFor(350, 'never');
      const sixMonths = createdFor(170, '6m');
      await seed(stores(), [never, sixMonths]);

      const listed = await listEvery(stores(), {
        expiresBefore: WITHIN,
        maxValidity: 'never',
        limit: 10,
      });

      expect(listed).toEqual([sixMonths.id]);
    });

    it('counts the cap in calendar months (31 August + 6 months = end of February)', async () => {
      const createdAt = Date.UTC(2024, 7, 31, 10, 0, 0);
      const token = tokenRecord({ createdAt, expiresAt: null });
      await seed(stores(), [token]);
      const endOfFebruary = Date.UTC(2025, 1, 28, 10, 0, 0);
      const query = { maxValidity: '6m', limit: 5 } as const;

      expect(await listEvery(stores(), { ...query, expiresBefore: endOfFebruary })).toEqual([]);
      expect(await listEvery(stores(), { ...query, expiresBefore: endOfFebruary + 1 })).toEqual([
        token.id,
      ]);
    });

    it('combines the effective expiry with the owner and unused filters', async () => {
      const match = tokenRecord({ ownerId: 'acc-bob', createdAt: FIXED_NOW - 200 * DAY_MS });
      const otherOwner = tokenRecord({ createdAt: FIXED_NOW - 200 * DAY_MS });
      const used = tokenRecord({
        ownerId: 'acc-bob',
        createdAt: FIXED_NOW - 200 * DAY_MS,
        lastUsedAt: FIXED_NOW,
      });
      await seed(stores(), [match, otherOwner, used]);

      const page = await stores().tokens.listAll({
        ownerId: 'acc-bob',
        expiresBefore: WITHIN,
        maxValidity: '6m',
        unusedSince: FIXED_NOW - DAY_MS,
        limit: 10,
      });

      expect(page).toEqual({ items: [match] });
    });
  });
}
