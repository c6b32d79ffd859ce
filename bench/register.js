/**
 * Lets Node run the benchmarks' TypeScript directly: `node -r ./bench/register.js bench/run.ts`.
 * Each .ts/.tsx file outside node_modules is compiled to CommonJS by @swc/core when required
 * (no type check here: `npm run typecheck` covers bench/). Inline source maps keep stack traces
 * and `node --cpu-prof` profiles pointing at the TypeScript lines.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...SWC_OPTIONS, filename });
  module._compile(code, filename);
}

for (const extension of ['.ts', '.tsx']) {
  require.extensions[extension] = function loadTypeScript(module, filename) {
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
      throw new Error(`bench/register.js does not compile dependencies: ${filename}`);
    }
    compileTypeScript(module, filename);
  };
}

process.setSourceMapsEnabled(true);
