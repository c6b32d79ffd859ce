/** Jest projects: server-side tests in node, page component tests in jsdom. Browser tests run apart. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/static/src'],
      testMatch: ['**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(@atlaskit|@compiled|@babel/runtime)/)'],
      moduleNameMapper: {
        '\\.css$': '<rootDir>/test/support/empty-module.js',
        // As in the page bundles (static/vite.config.mts): the feature-flag client's defaults.
        '^@atlaskit/feature-gate-js-client(/feature-gates)?$':
          '<rootDir>/static/src/runtime/feature-gates-offline.ts',
      },
      setupFilesAfterEnv: ['<rootDir>/static/src/test-setup.ts'],
    },
  ],
};
