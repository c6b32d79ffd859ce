/** Which row wins when several apply, and how often a token's last use is written. */
import { LAST_USED_INTERVAL_MS } from '../../src/services/gateway/last-used';
import { basic, CALLER_IP, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('order of the decision', () => {
  it('refuses a denied address before asking for credentials', async () => {
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    expect(await h.auth(undefined, { ip: '192.0.2.1' })).toMatchObject({ code: 'IP_NOT_ALLOWED' });
  });

  it('refuses a storage outage before the IP check (never allows, never says why)', async () => {
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    h.outage.add('settings');
    expect(await h.auth(undefined, { ip: '192.0.2.1' })).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses a locked address even with a good token', async () => {
    const { token } = await h.token('alice');
    for (let i = 0; i < 10; i += 1) {
      await h.auth(basic('mallory', `guess-${i}`));
    }
    expect(await h.auth(basic('alice', token))).toMatchObject({ code: 'TOO_MANY_FAILURES' });
    expect(await h.auth(`Bearer ${token}`, { ip: '198.51.100.7' })).toMatchObject({
      kind: 'allow',
    });
  });

  it('without a usable address, locks the named user but not everyone else', async () => {
    const { token } = await h.token('alice');
    for (let i = 0; i < 10; i += 1) {
      await h.auth(basic('alice', `guess-${i}`), { ip: null });
    }
    expect(await h.auth(basic('alice', token), { ip: null })).toMatchObject({
      code: 'TOO_MANY_FAILURES',
    });
    expect(await h.auth(basic('bob', 'bob-password'), { ip: null })).toMatchObject({
      kind: 'allow',
    });
  });

  it("does not accept another user's valid token under a Basic user name", async () => {
    const { token } = await h.token('alice');
    const outcome = await h.auth(basic('bob', token));
    expect(outcome).toMatchObject({ kind: 'refuse', code: 'BAD_CREDENTIALS' });
    expect((await h.stores.attempts.countByUserAtIp('acc-bob', CALLER_IP, 0)).count).toBe(1);
  });

  it("refuses another user's token with PASSWORD_AUTH_DISABLED when passwords are off", async () => {
    const { token } = await h.token('alice');
    await h.configure({ passwordAuthEnabled: false });
    expect(await h.auth(basic('bob', token))).toMatchObject({ code: 'PASSWORD_AUTH_DISABLED' });
  });

  it('refuses a rotated-away secret at once and accepts its successor', async () => {
    const old = await h.token('alice');
    const rotated = await h.run('alice', 'rotateToken', { id: old.id });
    expect(rotated.ok).toBe(true);
    const next = rotated.ok ? (rotated.data as { token: string }).token : '';
    expect(await h.auth(`Bearer ${old.token}`)).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await h.auth(`Bearer ${next}`)).toMatchObject({ kind: 'allow', via: 'token' });
  });
});

describe('last use of a token', () => {
  it('is written at most once a minute per token', async () => {
    const { token, id } = await h.token('alice');
    const touch = jest.spyOn(h.stores.tokens, 'touch');
    const start = h.clock.now();

    for (let i = 0; i < 5; i += 1) {
      await h.auth(`Bearer ${token}`);
    }
    h.clock.advance(LAST_USED_INTERVAL_MS - 1);
    await h.auth(`Bearer ${token}`, { ip: '198.51.100.20' });
    expect(touch).toHaveBeenCalledTimes(1);
    expect(await h.stores.tokens.findById(id)).toMatchObject({
      lastUsedAt: start,
      lastUsedIp: CALLER_IP,
    });

    h.clock.advance(1);
    await h.auth(`Bearer ${token}`, { ip: '198.51.100.20' });
    expect(touch).toHaveBeenCalledTimes(2);
    expect(await h.stores.tokens.findById(id)).toMatchObject({
      lastUsedAt: start + LAST_USED_INTERVAL_MS,
      lastUsedIp: '198.51.100.20',
    });
  });

  it('allows the request when writing the last use fails, and logs it without the secret', async () => {
    const { token, id } = await h.token('alice');
    jest.spyOn(h.stores.tokens, 'touch').mockRejectedValue(new Error(`boom ${token}`));
    expect(await h.auth(`Bearer ${token}`)).toMatchObject({ kind: 'allow' });
    const warning = h.logs.find((line) => line.level === 'warn');
    expect(warning).toMatchObject({ fields: { tokenId: id } });
    expect(JSON.stringify(h.logs)).not.toContain(token);
  });
});
