/**
 * Reading ahead: when the cached settings are due, the decision starts the token read with
 * their refresh (one KVS call under Forge). Only then: with fresh settings a request refused
 * before the token row costs no token read, so refused traffic cannot buy reads.
 */
import { basic, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness({ settingsCacheMs: 5000 });
});
afterEach(() => h.close());

describe('reading ahead', () => {
  it('starts the token read before the settings answer when they are due', async () => {
    const { token } = await h.token('alice');
    h.clock.advance(5000);
    const order: string[] = [];
    const settingsGet = h.stores.settings.get.bind(h.stores.settings);
    const findByHash = h.stores.tokens.findByHash.bind(h.stores.tokens);
    jest.spyOn(h.stores.settings, 'get').mockImplementation(async () => {
      order.push('settings asked');
      await new Promise((resolve) => setImmediate(resolve));
      order.push('settings answered');
      return settingsGet();
    });
    jest.spyOn(h.stores.tokens, 'findByHash').mockImplementation((hash) => {
      order.push('token asked');
      return findByHash(hash);
    });

    const outcome = await h.app.authenticateRequest({
      method: 'GET',
      authorization: basic('alice', token),
      remoteAddress: '203.0.113.5',
      headers: {},
      requestId: 'ahead',
    });

    expect(outcome).toMatchObject({ clientIp: '203.0.113.5', outcome: { kind: 'allow' } });
    expect(order).toEqual(['token asked', 'settings asked', 'settings answered']);
  });

  it('reads no token for a refused address while the settings are fresh', async () => {
    const { token } = await h.token('alice');
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    await h.auth(undefined, { ip: '10.1.2.3' });
    const findByHash = jest.spyOn(h.stores.tokens, 'findByHash');

    const outcomes = [];
    for (let i = 0; i < 5; i += 1) {
      outcomes.push((await h.auth(`Bearer ${token}`, { ip: '192.0.2.1' })).kind);
    }

    expect(outcomes).toEqual(Array(5).fill('refuse'));
    expect(findByHash).not.toHaveBeenCalled();
  });

  it('reads a refused address its token at most once per settings period', async () => {
    const { token } = await h.token('alice');
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    const findByHash = jest.spyOn(h.stores.tokens, 'findByHash');

    for (let i = 0; i < 20; i += 1) {
      h.clock.advance(1000);
      await h.auth(`Bearer ${token}`, { ip: '192.0.2.1' });
    }

    expect(findByHash.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('answers a request refused early only once the reads started ahead for it are done', async () => {
    const { token } = await h.token('alice');
    await h.configure({ ipAllowlist: ['10.0.0.0/8'] });
    h.clock.advance(5000);
    const events: string[] = [];
    const findByHash = h.stores.tokens.findByHash.bind(h.stores.tokens);
    jest.spyOn(h.stores.tokens, 'findByHash').mockImplementation(async (hash) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push('token read done');
      return findByHash(hash);
    });

    const outcome = await h.auth(`Bearer ${token}`, { ip: '192.0.2.1' });
    events.push('answered');

    expect(outcome).toMatchObject({ code: 'IP_NOT_ALLOWED' });
    expect(events).toEqual(['token read done', 'answered']);
  });
});
