/** getMe and searchUsers: what a page needs to know about its caller, and picking people. */
import { createHarness, type Harness } from '../services/harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('getMe', () => {
  it('tells a regular user who they are, what they may do and the address the app sees', async () => {
    await h.configure({ maxValidity: '2y', adminsOnlyCreate: true });
    expect(await h.run('alice', 'getMe', {}, '192.0.2.44')).toEqual({
      ok: true,
      status: 200,
      data: {
        accountId: 'acc-alice',
        username: 'alice',
        displayName: 'Alice Example',
        email: 'alice@example.test',
        isAdmin: false,
        canCreateTokens: false,
        validityOptions: ['6m', '1y', '2y'],
        maxValidity: '2y',
        clientIp: '192.0.2.44',
        adminsOnlyCreate: true,
      },
    });
  });

  it('says an admin may always create tokens', async () => {
    await h.configure({ adminsOnlyCreate: true });
    expect(await h.run('admin', 'getMe', {})).toMatchObject({
      data: { isAdmin: true, canCreateTokens: true, validityOptions: ['6m', '1y', '2y', 'never'] },
    });
  });

  it('refuses a caller the directory does not know or reports inactive (401)', async () => {
    expect(await h.run('ghost', 'getMe', {})).toMatchObject({
      status: 401,
      error: { code: 'AUTH_REQUIRED' },
    });
    expect(await h.run('carol', 'getMe', {})).toMatchObject({ status: 401 });
  });
});

describe('searchUsers', () => {
  it('finds users by part of their username, display name or email, as summaries', async () => {
    const result = await h.run('admin', 'searchUsers', { query: 'ALI' });
    expect(result).toEqual({
      ok: true,
      status: 200,
      data: {
        users: [
          {
            accountId: 'acc-alice',
            username: 'alice',
            displayName: 'Alice Example',
            email: 'alice@example.test',
          },
        ],
      },
    });
  });

  it('is for administrators only', async () => {
    expect(await h.run('bob', 'searchUsers', { query: 'a' })).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
  });
});
