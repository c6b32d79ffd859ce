/** A temporary directory for one SQLite test file, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a fresh directory before each test; returns the path of a database file inside it. */
export function useTempDatabaseFile(): () => string {
  let dir: string | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atat-sqlite-'));
  });

  afterEach(() => {
    if (dir !== null) {
      rmSync(dir, { recursive: true, force: true });
      dir = null;
    }
  });

  return () => {
    if (dir === null) {
      throw new Error('the temp directory is created in beforeEach');
    }
    return join(dir, 'store.db');
  };
}
