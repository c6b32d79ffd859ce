/** Where the Forge gateway sends an allowed request, and what it passes on. */
import { ForgeUpstream } from '../../src/adapters/forge/forge-upstream';
import type { User } from '../../src/core/types';
import { site } from './support/fake-site';
import { ALICE, freshInstallation } from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

const OWNER: User = {
  accountId: ALICE.accountId,
  username: ALICE.accountId,
  displayName: ALICE.displayName,
  email: ALICE.email,
  isAdmin: false,
  active: true,
};

const CLIENT_HEADERS = {
  authorization: 'Bearer atat_secret',
  cookie: 'tenant.session.token=abc',
  'content-type': 'application/json',
  accept: 'application/json',
  'x-atlassian-token': 'no-check',
  'x-forwarded-for': '198.51.100.7',
  host: 'example.hello.atlassian-dev.net',
};

beforeEach(() => freshInstallation());

describe('ForgeUpstream', () => {
  it('sends /wiki/rest/ to Confluence and /rest/ to Jira, as the owner', async () => {
    const upstream = new ForgeUpstream('jira');

    await upstream.forward(
      { method: 'GET', url: '/wiki/rest/api/user/current', headers: {} },
      OWNER,
    );
    await upstream.forward({ method: 'GET', url: '/rest/api/3/myself', headers: {} }, OWNER);

    expect(site.calls.map((call) => [call.product, call.as])).toEqual([
      ['confluence', `user:${ALICE.accountId}`],
      ['jira', `user:${ALICE.accountId}`],
    ]);
  });

  it("passes only a REST client's headers on as the owner: no token, cookie or proxy header", async () => {
    await new ForgeUpstream('jira').forward(
      {
        method: 'POST',
        url: '/rest/api/3/myself?expand=groups',
        headers: CLIENT_HEADERS,
        body: Buffer.from('{"a":1}'),
      },
      OWNER,
    );

    expect(site.calls[0]).toMatchObject({
      method: 'POST',
      path: '/rest/api/3/myself?expand=groups',
      body: '{"a":1}',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-atlassian-token': 'no-check',
      },
    });
    expect(Object.keys(site.calls[0]!.headers).sort()).toEqual([
      'accept',
      'content-type',
      'x-atlassian-token',
    ]);
  });

  it('passes a pass-through request to the Cloud site with its Authorization, and no cookie', async () => {
    const answer = await new ForgeUpstream('jira').forward(
      {
        method: 'GET',
        url: '/rest/api/3/myself',
        headers: { ...CLIENT_HEADERS, authorization: 'Basic eA==' },
      },
      null,
    );

    const toSite = site.calls.filter((call) => call.product === 'site');
    expect(answer.status).toBe(401);
    expect(toSite).toHaveLength(1);
    expect(toSite[0]).toMatchObject({
      as: 'host:example.atlassian.net',
      headers: { authorization: 'Basic eA==' },
    });
    expect(toSite[0]!.headers.cookie).toBeUndefined();
  });

  it('refuses to pass credentials on when the site does not report an Atlassian Cloud address', async () => {
    const upstream = new ForgeUpstream('jira');
    site.override = (call) =>
      call.path === '/rest/api/3/serverInfo'
        ? { status: 200, body: { baseUrl: 'https://evil.example.com' } }
        : null;

    await expect(
      upstream.forward(
        { method: 'GET', url: '/rest/api/3/myself', headers: { authorization: 'Basic eA==' } },
        null,
      ),
    ).rejects.toThrow('the site address is not an Atlassian Cloud address');
    expect(site.calls.filter((call) => call.product === 'site')).toEqual([]);
  });

  it("drops the product's cookies and hop-by-hop headers from the answer", async () => {
    site.override = () => ({
      status: 200,
      body: {},
      headers: {
        'set-cookie': 'atlassian.xsrf.token=x',
        'transfer-encoding': 'chunked',
        'x-arequestid': 'r1',
      },
    });

    const answer = await new ForgeUpstream('jira').forward(
      { method: 'GET', url: '/rest/api/3/myself', headers: {} },
      OWNER,
    );

    expect(answer.headers).toEqual({ 'content-type': 'application/json', 'x-arequestid': 'r1' });
  });
});
