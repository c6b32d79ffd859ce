/**
 * manifest.yml passes @forge/manifest's full validation (the checks `forge lint` and
 * `forge deploy` run, offline) with no error or warning; it names modules, functions,
 * resources, scopes and entities that match the code and the built pages.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { parse } from 'yaml';

import { ATTEMPT_INDEX } from '../../src/adapters/forge/kvs-attempt-store';
import { AUDIT_INDEX } from '../../src/adapters/forge/kvs-audit-log';
import { ENTITY } from '../../src/adapters/forge/kvs-keys';
import { BY_LIST_KEY, BY_OWNER } from '../../src/adapters/forge/kvs-token-list';
import { loadManifestEntities } from './support/kvs-schema';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

/** Compiling the manifest schema takes seconds on a busy machine. */
const VALIDATION_TIMEOUT_MS = 60_000;
const ROOT = resolve(__dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.yml');
const BUILT = ['static/build/admin/index.html', 'static/build/user/index.html'].every((file) =>
  existsSync(join(ROOT, file)),
);

interface Manifest {
  modules: Record<string, { key: string; [field: string]: unknown }[]>;
  resources: { key: string; path: string }[];
  permissions: { scopes: Record<string, unknown> };
  app: { runtime: { name: string } };
}

const manifest = parse(readFileSync(MANIFEST, 'utf8')) as Manifest;

async function validate(path: string): Promise<unknown[]> {
  const processor = ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build();
  const result = await processor.process(path);
  return result.success
    ? (result.errors ?? [])
    : (result.errors ?? ['validation failed without errors']);
}

/** The manifest alone, next to stand-ins for the handler files and the built pages. */
function stagedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-manifest-'));
  writeFileSync(join(dir, 'manifest.yml'), readFileSync(MANIFEST));
  for (const fn of manifest.modules.function ?? []) {
    const file = join(dir, 'src', `${String(fn.handler).split('.')[0]}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'export {};\n');
  }
  for (const resource of manifest.resources) {
    mkdirSync(join(dir, resource.path), { recursive: true });
    writeFileSync(
      join(dir, resource.path, 'index.html'),
      '<!doctype html><title>stand-in</title>\n',
    );
  }
  return dir;
}

describe('manifest.yml', () => {
  it(
    'passes @forge/manifest full validation with no error or warning',
    async () => {
      const dir = stagedCopy();
      try {
        expect(await validate(join(dir, 'manifest.yml'))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    VALIDATION_TIMEOUT_MS,
  );

  (BUILT ? it : it.skip)(
    `passes full validation in place, every resource built${BUILT ? '' : ' (skipped: static/build is absent — run `npm run build:pages` first)'}`,
    async () => {
      for (const resource of manifest.resources) {
        expect(existsSync(join(ROOT, resource.path, 'index.html'))).toBe(true);
      }
      expect(await validate(MANIFEST)).toEqual([]);
    },
    VALIDATION_TIMEOUT_MS,
  );

  it('names a handler export that exists for every function', async () => {
    for (const fn of manifest.modules.function ?? []) {
      const [file, exported] = String(fn.handler).split('.') as [string, string];
      const module = (await import(join(ROOT, 'src', file))) as Record<string, unknown>;
      expect([fn.key, typeof module[exported]]).toEqual([fn.key, 'function']);
    }
  });

  it("lists the admin page's tabs as Jira admin pages, by the routes the page reads", () => {
    const page = readFileSync(join(ROOT, 'static/src/admin/AdminPage.tsx'), 'utf8');
    const tabs = [...page.matchAll(/\{ name: '([^']+)', fragment: '([a-z-]+)' \}/g)].map(
      ([, title, route]) => ({ title, route }),
    );

    expect(tabs.length).toBeGreaterThan(1);
    expect(manifest.modules['jira:adminPage']?.[0]?.pages).toEqual(tabs);
  });

  it('declares the modules of the design: admin pages, the user page, a dynamic web trigger, a daily job', () => {
    const { modules } = manifest;
    expect(modules['jira:adminPage']?.[0]?.pages).toEqual(
      expect.arrayContaining([expect.objectContaining({ route: 'settings' })]),
    );
    expect(modules['confluence:globalSettings']?.[0]?.resource).toBe('admin');
    expect(modules['jira:personalSettingsPage']?.[0]?.resource).toBe('user');
    expect(modules['confluence:globalPage']?.[0]?.resource).toBe('user');
    expect(modules.webtrigger?.[0]?.response).toEqual({ type: 'dynamic' });
    expect(modules.scheduledTrigger?.[0]?.interval).toBe('day');
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect(manifest.resources).toEqual([
      { key: 'admin', path: 'static/build/admin' },
      { key: 'user', path: 'static/build/user' },
    ]);
  });

  it('asks for the least scopes that work, and no other', () => {
    expect(Object.keys(manifest.permissions.scopes).sort()).toEqual(
      [
        'storage:app',
        'read:jira-user',
        'read:jira-work',
        'write:jira-work',
        'read:confluence-user',
        'search:confluence',
        'read:confluence-content.all',
        'read:confluence-space.summary',
        'write:confluence-content',
        'write:audit-log:confluence',
      ].sort(),
    );
  });

  it('declares every entity and index the @forge/kvs stores use', () => {
    const entities = loadManifestEntities();
    const indexes = (entity: string): string[] =>
      [...(entities.get(entity)?.indexes.keys() ?? [])].sort();

    expect([...entities.keys()].sort()).toEqual(Object.values(ENTITY).sort());
    expect(indexes(ENTITY.token)).toEqual([BY_LIST_KEY, BY_OWNER].sort());
    expect(indexes(ENTITY.audit)).toEqual(Object.values(AUDIT_INDEX).sort());
    expect(indexes(ENTITY.attempt)).toEqual(Object.values(ATTEMPT_INDEX).sort());
  });
});
