/**
 * Lets `node -r ./test/local/register-ts.cjs src/…/main.ts` run the TypeScript sources, so the
 * start-up tests can spawn the real entry point without a build first (swc, CommonJS).
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
