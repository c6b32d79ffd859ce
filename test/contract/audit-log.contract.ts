/** Contract of AuditLog: append-only records, newest first, keyset paging and filters. */
import type { AuditRecord } from '../../src/core/types';
import type { AuditQuery, Stores } from '../../src/ports';
import { FIXED_NOW, MINUTE_MS, auditRecord } from '../support/factories';
import { collectPages, idsOf, useFreshStores, type StoreFactory } from './harness';

async function appendAll(stores: Stores, records: AuditRecord[]): Promise<void> {
  for (const record of records) {
    await stores.audit.append(record);
  }
}

/** Every id the log lists for `query`, page after page. */
async function listEvery(stores: Stores, query: AuditQuery): Promise<string[]> {
  const fetchPage = (cursor: string | undefined) => stores.audit.list({ ...query, cursor });
  const pages = await collectPages(fetchPage, query.cursor);
  return pages.flatMap((page) => idsOf(page.items));
}

/** Records one minute apart with varied actors, targets and actions; the last one newest. */
function history(): AuditRecord[] {
  return [
    auditRecord({ actorId: 'acc-alice', targetId: 'acc-alice', action: 'token.created' }),
    auditRecord({ actorId: 'acc-admin', targetId: 'acc-bob', action: 'token.created' }),
    auditRecord({ actorId: 'acc-admin', targetId: 'acc-alice', action: 'token.deleted' }),
    auditRecord({ actorId: 'acc-bob', targetId: 'acc-bob', action: 'token.renamed' }),
    auditRecord({ actorId: 'acc-admin', targetId: null, action: 'settings.changed' }),
    auditRecord({ actorId: 'acc-admin', targetId: 'acc-bob', action: 'failures.reset' }),
    auditRecord({ actorId: 'acc-alice', targetId: 'acc-alice', action: 'token.deleted' }),
  ].map((record, i) => ({ ...record, at: FIXED_NOW + i * MINUTE_MS }));
}

function newestFirst(records: AuditRecord[]): string[] {
  return idsOf([...records].sort((a, b) => b.at - a.at));
}

/** Registers the AuditLog tests. */
export function describeAuditLogContract(factory: StoreFactory): void {
  describe('AuditLog', () => {
    const stores = useFreshStores(factory);

    it('lists appended records newest first, whatever the order they were appended in', async () => {
      const records = history();
      await appendAll(stores(), [records[3]!, records[0]!, records[6]!, ...records.slice(1, 3)]);

      const page = await stores().audit.list({ limit: 10 });

      expect(idsOf(page.items)).toEqual([
        records[6]!.id,
        records[3]!.id,
        ...idsOf(records.slice(0, 3)).reverse(),
      ]);
      expect(page.nextCursor).toBeUndefined();
    });

    it('returns every field of a record as it was appended', async () => {
      const settings = auditRecord({
        action: 'settings.changed',
        targetId: null,
        actorIp: null,
        changes: [
          { field: 'ipAllowlist', before: [], after: ['10.0.0.0/8'] },
          { field: 'passwordAuthEnabled', before: true, after: false },
        ],
      });
      const all = auditRecord({ action: 'tokens.deleted_all', count: 4, at: FIXED_NOW + 1 });
      const rotated = auditRecord({
        action: 'token.rotated',
        tokenId: 'tok_old',
        tokenName: 'Ärger "quoted", name',
        newTokenId: 'tok_new',
        actorIp: '2001:db8::1',
        at: FIXED_NOW + 2,
      });
      await appendAll(stores(), [settings, all, rotated]);

      expect((await stores().audit.list({ limit: 10 })).items).toEqual([rotated, all, settings]);
    });

    it('pages through every record once, at most `limit` a page, the last page without a cursor', async () => {
      const records = history();
      await appendAll(stores(), records);

      const pages = await collectPages((cursor) => stores().audit.list({ limit: 3, cursor }));

      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((page) => idsOf(page.items))).toEqual(newestFirst(records));
    });

    it('lists records of the same instant once each across pages', async () => {
      const records = Array.from({ length: 5 }, () => auditRecord({ at: FIXED_NOW }));
      await appendAll(stores(), records);

      const listed = await listEvery(stores(), { limit: 2 });

      expect([...listed].sort()).toEqual(idsOf(records).sort());
    });

    it('keeps paging stable when records are appended between pages', async () => {
      const records = history();
      await appendAll(stores(), records);
      const first = await stores().audit.list({ limit: 4 });
      await appendAll(stores(), [auditRecord({ at: FIXED_NOW + 60 * MINUTE_MS })]);

      const rest = await listEvery(stores(), { limit: 4, cursor: first.nextCursor });

      expect([...idsOf(first.items), ...rest]).toEqual(newestFirst(records));
    });

    it('returns an empty page without a cursor for an empty log', async () => {
      expect(await stores().audit.list({ limit: 50 })).toEqual({ items: [] });
    });

    it('answers a malformed cursor with an empty last page instead of throwing', async () => {
      await appendAll(stores(), history());

      for (const cursor of ['not-a-cursor', '%%%', 'eyJ4IjoxfQ', 'W10', 'x'.repeat(600)]) {
        expect(await stores().audit.list({ limit: 10, cursor })).toEqual({ items: [] });
      }
    });
  });

  describe('AuditLog filters', () => {
    const stores = useFreshStores(factory);

    it.each([
      ['actor', { actorId: 'acc-admin' }, (r: AuditRecord) => r.actorId === 'acc-admin'],
      ['target', { targetId: 'acc-bob' }, (r: AuditRecord) => r.targetId === 'acc-bob'],
      ['action', { action: 'token.deleted' }, (r: AuditRecord) => r.action === 'token.deleted'],
    ] as const)(
      'filters by %s, paging through the matching records only',
      async (_, filter, keep) => {
        const records = history();
        await appendAll(stores(), records);

        const listed = await listEvery(stores(), { ...filter, limit: 2 });

        expect(listed.length).toBeGreaterThan(1);
        expect(listed).toEqual(newestFirst(records.filter(keep)));
      },
    );

    it('combines actor, target and action filters', async () => {
      const records = history();
      await appendAll(stores(), records);

      const page = await stores().audit.list({
        actorId: 'acc-admin',
        targetId: 'acc-bob',
        action: 'token.created',
        limit: 10,
      });

      expect(page).toEqual({ items: [records[1]] });
    });

    it('returns an empty page when no record matches', async () => {
      await appendAll(stores(), history());

      expect(await stores().audit.list({ actorId: 'acc-nobody', limit: 10 })).toEqual({
        items: [],
      });
    });
  });
}
