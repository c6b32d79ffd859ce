/**
 * Client addresses behind proxies: X-Forwarded-For counts only when the direct peer is a
 * trusted proxy; then the right-most hop that is not a trusted proxy is the client, whatever a
 * client wrote to the left of it. Other address headers never count, and a hop that is not an
 * address fails closed under an IP allowlist. The address the app sees is GET /api/v1/me's
 * clientIp. The tests' peer is always 127.0.0.1.
 */
import { basic, codeOf, rawRequest, send, type Reply } from './http';
import { startWorld, type World } from './world';

let world: World;
let alice: string;
let admin: string;

beforeEach(async () => {
  world = await startWorld();
  alice = basic('alice', (await world.token('alice', { name: 'Alice' })).token);
  admin = basic('admin', (await world.token('admin', { name: 'Admin' })).token);
});

afterEach(async () => world.close());

async function seenAddress(headers: Record<string, string>): Promise<unknown> {
  const reply = await send(world.baseUrl, '/api/v1/me', { auth: alice, headers });
  expect(reply.status).toBe(200);
  return (reply.body as { clientIp: unknown }).clientIp;
}

function gateway(headers: Record<string, string>): Promise<Reply> {
  return send(world.baseUrl, '/rest/api/2/myself', { auth: alice, headers });
}

describe('without trusted proxies', () => {
  it('ignores X-Forwarded-For and every other address header', async () => {
    const claims = {
      'x-forwarded-for': '192.0.2.1',
      'x-real-ip': '192.0.2.1',
      forwarded: 'for=192.0.2.1',
      'true-client-ip': '192.0.2.1',
      'cf-connecting-ip': '192.0.2.1',
    };
    expect(await seenAddress(claims)).toBe('127.0.0.1');
  });

  it('does not let a forged X-Forwarded-For pass the IP allowlist', async () => {
    await world.configure({ ipAllowlist: ['192.0.2.1'] });
    const reply = await gateway({ 'x-forwarded-for': '192.0.2.1' });
    expect({ status: reply.status, code: codeOf(reply) }).toEqual({
      status: 403,
      code: 'IP_NOT_ALLOWED',
    });
  });
});

describe('with 127.0.0.1 and 10.0.0.0/8 as trusted proxies', () => {
  beforeEach(async () => {
    await world.configure({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
  });

  it('takes the right-most hop that is not a trusted proxy', async () => {
    expect(await seenAddress({ 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    expect(await seenAddress({ 'x-forwarded-for': '192.0.2.1, 203.0.113.9, 10.0.0.5' })).toBe(
      '203.0.113.9',
    );
  });

  it('reads repeated X-Forwarded-For lines as one list, in order', async () => {
    const reply = await rawRequest(world.baseUrl, [
      'GET /api/v1/me HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: ${alice}`,
      'X-Forwarded-For: 192.0.2.1',
      'X-Forwarded-For: 203.0.113.9, 10.1.2.3',
    ]);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('"clientIp":"203.0.113.9"');
  });

  it('does not let a client spoof an allowed address to the left of its own', async () => {
    await world.configure({ ipAllowlist: ['192.0.2.1'] });
    const spoofed = await gateway({ 'x-forwarded-for': '192.0.2.1, 203.0.113.9' });
    expect({ status: spoofed.status, code: codeOf(spoofed) }).toEqual({
      status: 403,
      code: 'IP_NOT_ALLOWED',
    });
    expect((await gateway({ 'x-forwarded-for': '192.0.2.1' })).status).toBe(200);
  });

  it('matches an IPv4-mapped IPv6 hop against the IPv4 entry', async () => {
    await world.configure({ ipAllowlist: ['192.0.2.0/24'] });
    expect((await gateway({ 'x-forwarded-for': '::ffff:192.0.2.7' })).status).toBe(200);
  });

  it.each(['unknown', '192.0.2.1:8080', '[192.0.2.1]', 'fe80::1%eth0', '192.0.2.1, junk', ''])(
    'fails closed under an allowlist when a hop is not an address: %j',
    async (header) => {
      await world.configure({ ipAllowlist: ['0.0.0.0/0', '::/0'] });
      const reply = await gateway({ 'x-forwarded-for': header });
      expect({ status: reply.status, code: codeOf(reply) }).toEqual({
        status: header === '' ? 200 : 403,
        code: header === '' ? null : 'IP_NOT_ALLOWED',
      });
    },
  );

  it('uses the peer address when there is no X-Forwarded-For', async () => {
    expect(await seenAddress({})).toBe('127.0.0.1');
  });

  it('records the client hop, not the proxy, in the audit log and as last use', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const created = await send(world.baseUrl, '/api/v1/tokens', {
      method: 'POST',
      auth: admin,
      headers,
      body: { name: 'Via proxy', validity: 'never' },
    });
    expect(created.status).toBe(201);
    const records = await world.stores.audit.list({ limit: 1, action: 'token.created' });
    expect(records.items[0]?.actorIp).toBe('203.0.113.9');
    const [own] = (await world.stores.tokens.listByOwner('acc-admin')).filter(
      (t) => t.name === 'Admin',
    );
    expect(own?.lastUsedIp).toBe('203.0.113.9');
  });
});
