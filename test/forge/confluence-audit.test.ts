/** Audit records of a Confluence installation also go to Confluence's audit log; Jira's stay in the app. */
import { confluenceAuditBody } from '../../src/adapters/forge/confluence-audit';
import { FIXED_NOW, auditRecord } from '../support/factories';
import { site, type ProductCall } from './support/fake-site';
import {
  ADMIN,
  ALICE,
  CONFLUENCE_SITE,
  JIRA_SITE,
  changeSettings,
  createToken,
  freshInstallation,
  invokeResolver,
} from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

function auditPosts(): ProductCall[] {
  return site.calls.filter((call) => call.path === '/wiki/rest/api/audit');
}

beforeEach(() => {
  jest.useFakeTimers({
    now: FIXED_NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
  });
  freshInstallation();
});

afterEach(() => jest.useRealTimers());

describe('Confluence audit log', () => {
  it("posts a token creation to Confluence's audit log as the app, without the secret", async () => {
    const { secret } = await createToken(ALICE, { name: 'Wiki bot' }, CONFLUENCE_SITE);

    const posts = auditPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ product: 'confluence', as: 'app', method: 'POST' });
    expect(JSON.parse(posts[0]!.body!)).toMatchObject({
      summary: 'API token created',
      category: 'API Token Authentication',
      creationDate: FIXED_NOW,
      affectedObject: { name: 'Wiki bot', objectType: 'API token' },
    });
    expect(posts[0]!.body).not.toContain(secret);
  });

  it('posts settings changes field by field', async () => {
    await changeSettings({ passwordAuthEnabled: false }, CONFLUENCE_SITE);

    const body = JSON.parse(auditPosts()[0]!.body!) as {
      changedValues: unknown[];
      sysAdmin: boolean;
    };
    expect(body.changedValues).toEqual([
      { name: 'passwordAuthEnabled', oldValue: 'true', newValue: 'false' },
    ]);
    expect(body.sysAdmin).toBe(true);
  });

  it('posts nothing on Jira, which has no API to write its audit log', async () => {
    await createToken(ALICE, { name: 'Jira bot' }, JIRA_SITE);

    expect(auditPosts()).toEqual([]);
  });

  it('posts nothing for a deletion that found no token', async () => {
    const result = await invokeResolver(
      'deleteToken',
      { id: 'tok_missing' },
      { accountId: ADMIN.accountId, installContext: CONFLUENCE_SITE },
    );

    expect(result.status).toBe(404);
    expect(auditPosts()).toEqual([]);
  });

  it("keeps the change and the app's own record when Confluence refuses the record", async () => {
    site.auditStatus = 500;

    await createToken(ALICE, { name: 'Kept anyway' }, CONFLUENCE_SITE);

    const audit = await invokeResolver(
      'listAudit',
      {},
      { accountId: ADMIN.accountId, installContext: CONFLUENCE_SITE },
    );
    expect(audit).toMatchObject({
      ok: true,
      data: { records: [{ action: 'token.created', tokenName: 'Kept anyway' }] },
    });
  });

  it('describes an admin acting on behalf of a user, with the address the app saw', () => {
    const record = auditRecord({ action: 'tokens.deleted_all', count: 3, actorIp: '203.0.113.4' });

    expect(confluenceAuditBody(record)).toMatchObject({
      summary: 'All API tokens of a user deleted',
      remoteAddress: '203.0.113.4',
      description:
        'Actor: acc-admin\nUser: acc-alice\nTokens deleted: 3\nOn behalf of another user',
    });
  });
});
