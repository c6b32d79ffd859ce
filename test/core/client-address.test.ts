import { resolveClientAddress } from '../../src/core/client-address';
import { compileIpList } from '../../src/core/ip-allowlist';

const PROXIES = compileIpList(['10.0.0.0/8', '2001:db8:ffff::/48']);
const NO_PROXIES = compileIpList([]);

describe('client address resolution', () => {
  it('uses the socket address and ignores X-Forwarded-For from an untrusted peer', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '203.0.113.5',
        forwardedFor: '198.51.100.7',
        trustedProxies: PROXIES,
      }),
    ).toBe('203.0.113.5');
  });

  it('ignores X-Forwarded-For entirely when no proxy is trusted', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: '198.51.100.7',
        trustedProxies: NO_PROXIES,
      }),
    ).toBe('10.0.0.1');
  });

  it('takes the right-most hop that is not a trusted proxy', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: '198.51.100.7, 203.0.113.9, 10.0.0.2',
        trustedProxies: PROXIES,
      }),
    ).toBe('203.0.113.9');
  });

  it('ignores spoofed left-most entries a client put in the header itself', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: ['127.0.0.1, 10.9.9.9', '203.0.113.9'],
        trustedProxies: PROXIES,
      }),
    ).toBe('203.0.113.9');
  });

  it('returns the left-most hop when every hop is a trusted proxy', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: '10.1.1.1, 10.2.2.2',
        trustedProxies: PROXIES,
      }),
    ).toBe('10.1.1.1');
  });

  it('fails closed (null) on an unparseable hop before an untrusted one is found', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: '203.0.113.9, unknown',
        trustedProxies: PROXIES,
      }),
    ).toBeNull();
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: '203.0.113.9:443',
        trustedProxies: PROXIES,
      }),
    ).toBeNull();
  });

  it('uses the proxy address itself when a trusted proxy sends no X-Forwarded-For', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '10.0.0.1',
        forwardedFor: undefined,
        trustedProxies: PROXIES,
      }),
    ).toBe('10.0.0.1');
  });

  it('normalises addresses: IPv4-mapped socket addresses and IPv6 hops', () => {
    expect(
      resolveClientAddress({
        remoteAddress: '::ffff:10.0.0.1',
        forwardedFor: '2001:DB8::0005, 2001:db8:ffff::1',
        trustedProxies: PROXIES,
      }),
    ).toBe('2001:db8::5');
  });

  it('returns null without a usable socket address', () => {
    expect(
      resolveClientAddress({
        remoteAddress: null,
        forwardedFor: '1.2.3.4',
        trustedProxies: PROXIES,
      }),
    ).toBeNull();
    expect(
      resolveClientAddress({
        remoteAddress: 'junk',
        forwardedFor: undefined,
        trustedProxies: PROXIES,
      }),
    ).toBeNull();
  });
});
