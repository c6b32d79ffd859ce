/** What `npm start` prints once the local runtime listens. */
import type { LocalRuntime } from './runtime';

const PAGE_PATHS = [
  ['Jira admin page', '/jira/admin'],
  ['Confluence admin page', '/confluence/admin'],
  ['Jira token page', '/jira/profile/tokens'],
  ['Confluence token page', '/confluence/profile/tokens'],
  ['Sign in', '/login'],
] as const;

/** The start-up banner: the pages, the REST API and where the demo credentials are. */
export function startupBanner(
  runtime: Pick<LocalRuntime, 'url' | 'credentialsFile' | 'usersFile' | 'upstreamUrl'>,
): string {
  const lines = [
    `API Token Authentication is running on ${runtime.url}`,
    ...PAGE_PATHS.map(([label, path]) => `  ${`${label}:`.padEnd(24)}${runtime.url}${path}`),
    `  ${'REST API:'.padEnd(24)}${runtime.url}/api/v1  (gateway: ${runtime.url}/rest/…)`,
    `  ${'Product (upstream):'.padEnd(24)}${runtime.upstreamUrl.href}`,
    `  ${'Users file:'.padEnd(24)}${runtime.usersFile}`,
  ];
  if (runtime.credentialsFile !== null) {
    lines.push(`  ${'Demo credentials:'.padEnd(24)}${runtime.credentialsFile}`);
  }
  return `${lines.join('\n')}\n`;
}
