/**
 * Builds the two pages, each into its own self-contained folder (a Forge resource is one folder):
 * static/build/admin/ and static/build/user/, each with index.html and relative asset paths.
 * `vite build --config static/vite.config.mts` builds the admin page, then the user page.
 */
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const STATIC_DIR = fileURLToPath(new URL('.', import.meta.url));
type PageName = 'admin' | 'user';
/** Atlassian's feature-flag client: never initialised in an app's page, so replaced by its defaults. */
const FEATURE_GATE_CLIENT = /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/;

/** One page's build: its index.html as the root, its own output folder, relative paths. */
function pageConfig(page: PageName): InlineConfig {
  return {
    configFile: false,
    root: `${STATIC_DIR}${page}`,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: {
      alias: [
        {
          find: FEATURE_GATE_CLIENT,
          replacement: `${STATIC_DIR}src/runtime/feature-gates-offline.ts`,
        },
      ],
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: `${STATIC_DIR}build/${page}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
      reportCompressedSize: true,
    },
  };
}

/** After the admin page is written, builds the user page the same way. */
function buildUserPageToo(): Plugin {
  return {
    name: 'build-user-page-too',
    apply: 'build',
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        await build(pageConfig('user'));
      },
    },
  };
}

export default defineConfig(() => {
  const admin = pageConfig('admin');
  return { ...admin, plugins: [...(admin.plugins ?? []), buildUserPageToo()] };
});
