/** Shared plumbing of the store contract suite: fresh stores per test and bounded paging. */
import type { Page, Stores } from '../../src/ports';

/** What a store adapter's test hands the contract suite. */
export interface StoreFixture {
  stores: Stores;
  cleanup(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreFixture>;

/** Opens fresh stores before each test and cleans them up after it; returns their getter. */
export function useFreshStores(factory: StoreFactory): () => Stores {
  let fixture: StoreFixture | null = null;

  beforeEach(async () => {
    fixture = await factory();
  });

  afterEach(async () => {
    const done = fixture;
    fixture = null;
    await done?.cleanup();
  });

  return () => {
    if (fixture === null) {
      throw new Error('stores are opened in beforeEach');
    }
    return fixture.stores;
  };
}

const MAX_PAGES = 100;

/** Follows nextCursor from `start` until the last page (at most 100 pages); returns every page. */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  start?: string,
): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let cursor = start;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await fetchPage(cursor);
    pages.push(page);
    if (page.nextCursor === undefined) {
      return pages;
    }
    cursor = page.nextCursor;
  }
  throw new Error(`paging did not end within ${MAX_PAGES} pages`);
}

/** The ids of a list of records, in order. */
export function idsOf(records: readonly { id: string }[]): string[] {
  return records.map((record) => record.id);
}
