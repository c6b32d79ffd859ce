/**
 * Row 7 of the decision for revoked tokens: a deleted or rotated-away token is remembered, so
 * its owner's client is told it expired (401 TOKEN_EXPIRED, a failure counted) whether password
 * Basic Auth is on or off, and no other user's name turns it into row 7.
 */
import { hashToken } from '../../src/core/token-format';
import { basic, CALLER_IP, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function rotateAway(username: string): Promise<{ old: string; next: string }> {
  const created = await h.token(username);
  const rotated = await h.run(username, 'rotateToken', { id: created.id });
  if (!rotated.ok) {
    throw new Error(`rotateToken refused: ${rotated.error.code}`);
  }
  return { old: created.token, next: (rotated.data as { token: string }).token };
}

async function failuresFrom(ip: string): Promise<number> {
  return (await h.stores.attempts.countByIp(ip, 0)).count;
}

describe('row 7: a revoked token expired', () => {
  it.each([
    ['on', true],
    ['off', false],
  ])(
    'refuses a rotated-away secret with TOKEN_EXPIRED 401 while password auth is %s, counting a failure',
    async (_state, passwordAuthEnabled) => {
      const { old } = await rotateAway('alice');
      await h.configure({ passwordAuthEnabled });

      for (const authorization of [basic('alice', old), `Bearer ${old}`]) {
        expect(await h.auth(authorization)).toMatchObject({
          kind: 'refuse',
          code: 'TOKEN_EXPIRED',
          status: 401,
          wwwAuthenticate: expect.stringContaining('Basic') as unknown,
        });
      }
      expect(await failuresFrom(CALLER_IP)).toBe(2);
      expect((await h.stores.attempts.countByUserAtIp('acc-alice', CALLER_IP, 0)).count).toBe(2);
    },
  );

  it('refuses a deleted token with TOKEN_EXPIRED 401 when its owner names it', async () => {
    const { token, id } = await h.token('alice');
    expect((await h.run('alice', 'deleteToken', { id })).ok).toBe(true);

    expect(await h.auth(basic('alice@example.test', token))).toMatchObject({
      code: 'TOKEN_EXPIRED',
      status: 401,
    });
  });

  it('refuses every token of a user whose tokens an admin deleted all at once', async () => {
    const first = await h.token('alice', { name: 'first' });
    const second = await h.token('alice', { name: 'second' });
    expect((await h.run('admin', 'deleteUserTokens', { user: 'alice' })).ok).toBe(true);

    for (const secret of [first.token, second.token]) {
      expect(await h.auth(`Bearer ${secret}`)).toMatchObject({ code: 'TOKEN_EXPIRED' });
    }
  });

  it("does not answer row 7 for a revoked token under another user's Basic name", async () => {
    const { old } = await rotateAway('alice');

    expect(await h.auth(basic('bob', old))).toMatchObject({ code: 'BAD_CREDENTIALS' });
    await h.configure({ passwordAuthEnabled: false });
    expect(await h.auth(basic('bob', old))).toMatchObject({ code: 'PASSWORD_AUTH_DISABLED' });
    expect((await h.stores.attempts.countByUserAtIp('acc-bob', CALLER_IP, 0)).count).toBe(2);
  });

  it('reads the revoked tokens only when no live token has the hash', async () => {
    const { next } = await rotateAway('alice');
    const findRevoked = jest.spyOn(h.stores.tokens, 'findRevoked');

    expect(await h.auth(`Bearer ${next}`)).toMatchObject({ kind: 'allow' });
    expect(await h.auth(basic('bob', 'bob-password'))).toMatchObject({ kind: 'allow' });
    expect(findRevoked).not.toHaveBeenCalled();
    expect(await h.stores.tokens.findRevoked(hashToken(next))).toBeNull();
  });

  it('refuses UNAVAILABLE 503 when the revoked tokens cannot be read', async () => {
    const { old } = await rotateAway('alice');
    jest
      .spyOn(h.stores.tokens, 'findRevoked')
      .mockRejectedValue(new Error('storage is down (test)'));

    expect(await h.auth(`Bearer ${old}`)).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
  });
});
