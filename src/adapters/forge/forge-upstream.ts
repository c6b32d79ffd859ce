/**
 * Where an allowed gateway request goes under Forge.
 *
 * - As a token's owner: `api.asUser(accountId).requestJira` for /rest/…, `requestConfluence`
 *   for /wiki/rest/…; the platform authenticates the call, so the client's Authorization
 *   header (the token) is never passed on.
 * - Pass-through (password Basic Auth allowed, the credential is not one of our tokens): the
 *   request goes to the site itself with its Authorization header unchanged, so the site
 *   checks the credential. The site address is read from the product once per instance and
 *   must be an Atlassian Cloud address; credentials are never sent anywhere else.
 *
 * Only request headers a REST client needs are passed on (an allowlist), and response headers
 * that only make sense hop by hop, or would hand out the site's cookies, are dropped.
 */
import api, { assumeTrustedRoute, route, type APIResponse, type RequestInit } from '@forge/api';

import type { User } from '../../core/types';
import {
  StoreUnavailableError,
  type Upstream,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../../ports';
import { productCall, productJson, requestProduct, type Product } from './product-api';

const PASSED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'x-atlassian-token',
  'x-experimentalapi',
];
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'keep-alive',
  'set-cookie',
  'transfer-encoding',
  'upgrade',
]);
/** Atlassian Cloud site addresses: the only place a pass-through credential may go. */
const CLOUD_SITE = /^https:\/\/[a-z0-9][a-z0-9-]{0,62}\.atlassian\.net$/;

/** The product a gateway path belongs to: /wiki/rest/ is Confluence, /rest/ is Jira. */
export function gatewayProduct(path: string): Product | null {
  if (path.startsWith('/wiki/rest/')) {
    return 'confluence';
  }
  return path.startsWith('/rest/') ? 'jira' : null;
}

function header(headers: UpstreamRequest['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

function requestInit(
  request: UpstreamRequest,
  passCredentials: { authorization: boolean },
): RequestInit {
  const names = passCredentials.authorization
    ? [...PASSED_REQUEST_HEADERS, 'authorization']
    : PASSED_REQUEST_HEADERS;
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(request.headers, name);
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  const hasBody = request.body !== undefined && request.body !== null && request.body.length > 0;
  return {
    method: request.method,
    headers,
    redirect: 'manual',
    ...(hasBody ? { body: request.body?.toString('utf8') } : {}),
  };
}

async function toUpstreamResponse(response: APIResponse): Promise<UpstreamResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) {
      headers[name.toLowerCase()] = value;
    }
  });
  return { status: response.status, headers, body: Buffer.from(await response.text(), 'utf8') };
}

/** The site's own address, as its product reports it (Jira: serverInfo; Confluence: _links.base). */
async function readSiteUrl(product: Product): Promise<string> {
  const path =
    product === 'jira' ? route`/rest/api/3/serverInfo` : route`/wiki/rest/api/space?limit=1`;
  const body = await productCall('site address', async () =>
    productJson(await requestProduct(product, { kind: 'app' }, path), 'site address'),
  );
  const fields = (body ?? {}) as { baseUrl?: unknown; _links?: { base?: unknown } };
  const raw = product === 'jira' ? fields.baseUrl : fields._links?.base;
  const site = typeof raw === 'string' ? raw.replace(/\/wiki\/?$/, '').replace(/\/$/, '') : '';
  if (!CLOUD_SITE.test(site)) {
    throw new StoreUnavailableError('the site address is not an Atlassian Cloud address');
  }
  return site;
}

/** The gateway's way into the product under Forge. */
export class ForgeUpstream implements Upstream {
  private siteUrl: Promise<string> | null = null;

  constructor(private readonly installationProduct: Product) {}

  async forward(request: UpstreamRequest, as: User | null): Promise<UpstreamResponse> {
    const product = gatewayProduct(request.url);
    if (product === null) {
      throw new Error('the gateway forwards /rest/ and /wiki/rest/ paths only');
    }
    if (as !== null) {
      const principal = { kind: 'user', accountId: as.accountId } as const;
      const init = requestInit(request, { authorization: false });
      const path = assumeTrustedRoute(request.url);
      return toUpstreamResponse(await requestProduct(product, principal, path, init));
    }
    const site = await this.site();
    const init = requestInit(request, { authorization: true });
    return toUpstreamResponse(await api.fetch(`${site}${request.url}`, init));
  }

  private site(): Promise<string> {
    this.siteUrl ??= readSiteUrl(this.installationProduct).catch((error: unknown) => {
      this.siteUrl = null;
      throw error;
    });
    return this.siteUrl;
  }
}
