import { compileIpList } from '../../src/core/ip-allowlist';

describe('IP matcher memory of recent lookups', () => {
  it('answers the same way the second time and after more than 4096 other addresses', () => {
    const list = compileIpList(['10.0.0.0/24', '2001:db8::/64']);
    const first = list.match('10.0.0.7');

    for (let i = 0; i < 5000; i += 1) {
      list.match(`10.${Math.floor(i / 256) % 256}.${i % 256}.1`);
    }

    expect(list.match('10.0.0.7')).toEqual(first);
    expect(first).toEqual({ allowed: true, matchedEntry: '10.0.0.0/24' });
    expect(list.match('10.0.1.7')).toEqual({ allowed: false, matchedEntry: null });
    expect(list.contains('2001:db8::ffff')).toBe(true);
    expect(list.contains('2001:db8::ffff')).toBe(true);
  });

  it('does not let one matcher’s answers leak into another compiled from other entries', () => {
    const before = compileIpList(['192.0.2.1']);
    const after = compileIpList(['198.51.100.1']);

    expect(before.match('192.0.2.1').allowed).toBe(true);
    expect(after.match('192.0.2.1').allowed).toBe(false);
  });

  it('answers a long junk text without remembering it', () => {
    const list = compileIpList(['192.0.2.1']);

    expect(list.match('1'.repeat(10_000))).toEqual({ allowed: false, matchedEntry: null });
  });
});
