/**
 * A pretend Atlassian site for Forge adapter tests: its users, who administers it, the product
 * REST answers the adapters ask for, and a record of every call. Answers are what Jira and
 * Confluence Cloud document for these paths, reduced to the fields the adapters read.
 */
export interface SiteUser {
  accountId: string;
  displayName: string;
  email: string;
  admin: boolean;
  active: boolean;
  /** Password or Atlassian API token the site itself accepts (pass-through). */
  password?: string;
}

export interface ProductCall {
  product: 'jira' | 'confluence' | 'site';
  /** 'app', 'user:<accountId>' (asUser(accountId)), 'invoking:<accountId>' (asUser()). */
  as: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface SiteAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const SITE_URL = 'https://example.atlassian.net';

/** The site's state; tests change it freely. */
export const site = {
  users: new Map<string, SiteUser>(),
  calls: [] as ProductCall[],
  /** Every product call answers 503 while true. */
  down: false,
  /** Every product call fails without an answer (a network error) while true. */
  unreachable: false,
  /** Accounts the platform refuses to act as (asUser(accountId) answers 401). */
  notImpersonable: new Set<string>(),
  auditStatus: 201,
  /** An answer of the test's own for the calls it picks (null: the site answers). */
  override: null as ((call: ProductCall) => SiteAnswer | null) | null,
};

/** Empties the site and adds `users`. */
export function resetSite(users: SiteUser[] = []): void {
  site.users = new Map(users.map((user) => [user.accountId, user]));
  site.calls = [];
  site.down = false;
  site.unreachable = false;
  site.notImpersonable = new Set();
  site.auditStatus = 201;
  site.override = null;
}

function jiraUser(user: SiteUser): Record<string, unknown> {
  return {
    accountId: user.accountId,
    accountType: 'atlassian',
    displayName: user.displayName,
    emailAddress: user.email,
    active: user.active,
  };
}

function confluenceUser(user: SiteUser): Record<string, unknown> {
  return {
    accountId: user.accountId,
    accountType: 'atlassian',
    displayName: user.displayName,
    email: user.email,
    publicName: user.displayName,
    _links: { base: `${SITE_URL}/wiki` },
  };
}

function matching(query: string): SiteUser[] {
  const wanted = query.toLowerCase();
  return [...site.users.values()].filter(
    (user) =>
      user.displayName.toLowerCase().includes(wanted) || user.email.toLowerCase().includes(wanted),
  );
}

function actingUser(call: ProductCall): SiteUser | undefined {
  return site.users.get(call.as.replace(/^(user|invoking):/, ''));
}

function myself(call: ProductCall, product: 'jira' | 'confluence'): SiteAnswer {
  const user = actingUser(call);
  if (user === undefined) {
    return { status: 401, body: { message: 'Unauthorized' } };
  }
  return { status: 200, body: product === 'jira' ? jiraUser(user) : confluenceUser(user) };
}

function jira(call: ProductCall, url: URL): SiteAnswer {
  const user = site.users.get(url.searchParams.get('accountId') ?? '');
  switch (url.pathname) {
    case '/rest/api/3/user':
      return user === undefined ? { status: 404 } : { status: 200, body: jiraUser(user) };
    case '/rest/api/3/user/search':
      return { status: 200, body: matching(url.searchParams.get('query') ?? '').map(jiraUser) };
    case '/rest/api/3/mypermissions': {
      const admin = actingUser(call)?.admin === true;
      return { status: 200, body: { permissions: { ADMINISTER: { havePermission: admin } } } };
    }
    case '/rest/api/3/serverInfo':
      return { status: 200, body: { baseUrl: SITE_URL } };
    case '/rest/api/3/myself':
    case '/rest/api/2/myself':
      return myself(call, 'jira');
    default:
      return { status: 404, body: { errorMessages: ['not found'] } };
  }
}

function confluence(call: ProductCall, url: URL): SiteAnswer {
  const user = site.users.get(url.searchParams.get('accountId') ?? '');
  switch (url.pathname) {
    case '/wiki/rest/api/user':
      return user === undefined ? { status: 404 } : { status: 200, body: confluenceUser(user) };
    case '/wiki/rest/api/search/user': {
      const name = /~ "(.*)"$/.exec(url.searchParams.get('cql') ?? '')?.[1] ?? '';
      return {
        status: 200,
        body: { results: matching(name).map((u) => ({ user: confluenceUser(u) })) },
      };
    }
    case '/wiki/rest/api/user/current': {
      const acting = actingUser(call);
      const operations = acting?.admin
        ? [{ operation: 'administer', targetType: 'application' }]
        : [];
      return acting === undefined
        ? { status: 401 }
        : { status: 200, body: { ...confluenceUser(acting), operations } };
    }
    case '/wiki/rest/api/audit':
      return { status: site.auditStatus, body: {} };
    case '/wiki/rest/api/space':
      return { status: 200, body: { results: [], _links: { base: `${SITE_URL}/wiki` } } };
    default:
      return { status: 404, body: { message: 'not found' } };
  }
}

function passwordCheck(call: ProductCall, url: URL): SiteAnswer {
  const header = call.headers.authorization ?? '';
  const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
  const [email, password] = [
    decoded.slice(0, decoded.indexOf(':')),
    decoded.slice(decoded.indexOf(':') + 1),
  ];
  const user = [...site.users.values()].find((u) => u.email === email && u.password === password);
  if (user === undefined) {
    return { status: 401, body: { message: 'Client must be authenticated' } };
  }
  const product = url.pathname.startsWith('/wiki/') ? 'confluence' : 'jira';
  return myself({ ...call, as: `user:${user.accountId}` }, product);
}

/** The site's answer to one call; records it. */
export function answer(call: ProductCall): SiteAnswer {
  site.calls.push(call);
  const overridden = site.override?.(call) ?? null;
  if (overridden !== null) {
    return overridden;
  }
  if (site.down) {
    return { status: 503, body: { message: 'Service Unavailable' } };
  }
  const acted = call.as.replace(/^user:/, '');
  if (call.as.startsWith('user:') && site.notImpersonable.has(acted)) {
    return { status: 401, body: { message: 'Unauthorized' } };
  }
  const url = new URL(call.path, SITE_URL);
  if (call.product === 'site') {
    return passwordCheck(call, url);
  }
  return call.product === 'jira' ? jira(call, url) : confluence(call, url);
}
