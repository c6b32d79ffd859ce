/**
 * The page bundles get components, not module objects, from the CommonJS-only packages the
 * pages import (the icon glyphs): bundled as ES-module code, a default import of a CommonJS
 * module is its whole `exports` object, React refuses it, and the admin page renders nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STATIC_DIR = path.resolve(__dirname, '../../static');
const PAGES_SOURCE = path.join(STATIC_DIR, 'src');
const ICON_IMPORT = /from '(@atlaskit\/icon\/[a-z0-9/-]+)'/g;

/** Bundles the probe as Vite bundles the pages and prints the type of each default import. */
const BUNDLE_AND_RUN = `
import path from 'node:path';
import { build } from 'vite';
const [entry] = process.argv.slice(1);
const bundled = (id) => path.isAbsolute(id) || id.startsWith('.') || id.startsWith('@atlaskit/icon/core/');
const result = await build({
  configFile: false, root: path.dirname(entry), logLevel: 'silent',
  build: { write: false, minify: false, lib: { entry, formats: ['cjs'], fileName: 'probe' },
    rollupOptions: { external: (id) => !bundled(id) } },
});
const code = (Array.isArray(result) ? result[0] : result).output[0].code;
const probe = { exports: {} };
const stub = () => ({ __esModule: true, default: {} });
new Function('require', 'module', 'exports', code)(stub, probe, probe.exports);
process.stdout.write(JSON.stringify(probe.exports.kinds));
`;

function iconModulesOfThePages(): string[] {
  const files = readdirSync(PAGES_SOURCE, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.tsx') && !file.endsWith('.test.tsx'),
  );
  const modules = files.flatMap((file) =>
    [...readFileSync(path.join(PAGES_SOURCE, file), 'utf8').matchAll(ICON_IMPORT)].map(
      (match) => match[1] ?? '',
    ),
  );
  return [...new Set(modules)].sort();
}

/** Writes a probe beside the pages' sources (same package scope), bundles it, removes it. */
function defaultImportKinds(modules: string[]): Record<string, string> {
  const dir = mkdtempSync(path.join(PAGES_SOURCE, '.bundle-probe-'));
  try {
    const entry = path.join(dir, 'probe.ts');
    const imports = modules.map((name, index) => `import icon${index} from '${name}';`);
    const kinds = modules.map((name, index) => `'${name}': typeof icon${index}`);
    writeFileSync(entry, `${imports.join('\n')}\nexport const kinds = { ${kinds.join(', ')} };\n`);
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', BUNDLE_AND_RUN, entry],
      {
        cwd: path.resolve(STATIC_DIR, '..'),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return JSON.parse(output) as Record<string, string>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('page bundles', () => {
  it('import every icon the pages use as a component, not as a CommonJS exports object', () => {
    const modules = iconModulesOfThePages();
    expect(modules).toContain('@atlaskit/icon/core/add');

    const kinds = defaultImportKinds(modules);

    expect(kinds).toEqual(Object.fromEntries(modules.map((name) => [name, 'function'])));
  });
});
