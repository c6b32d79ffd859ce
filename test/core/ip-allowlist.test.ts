import {
  MAX_IP_ENTRIES,
  compileIpList,
  normalizeAddress,
  normalizeIpEntries,
  parseIpEntry,
} from '../../src/core/ip-allowlist';

function matcherFor(entries: string[]): ReturnType<typeof compileIpList> {
  const normalised = normalizeIpEntries(entries, 'ipAllowlist');
  if (!normalised.ok) {
    throw new Error(JSON.stringify(normalised.errors));
  }
  return compileIpList(normalised.entries);
}

describe('IP allowlist entries of each form', () => {
  it('matches a single IPv4 address and nothing next to it', () => {
    const list = matcherFor(['192.168.1.10']);

    expect(list.match('192.168.1.10')).toEqual({ allowed: true, matchedEntry: '192.168.1.10' });
    expect(list.match('192.168.1.11')).toEqual({ allowed: false, matchedEntry: null });
  });

  it('matches a single IPv6 address written in any form', () => {
    const list = matcherFor(['2001:DB8::0001']);

    expect(list.match('2001:db8:0:0:0:0:0:1')).toEqual({
      allowed: true,
      matchedEntry: '2001:db8::1',
    });
    expect(list.match('2001:db8::2').allowed).toBe(false);
  });

  it('matches an IPv4 CIDR range up to its last address', () => {
    const list = matcherFor(['10.0.0.0/8']);

    expect(list.match('10.0.0.0').matchedEntry).toBe('10.0.0.0/8');
    expect(list.match('10.255.255.255').matchedEntry).toBe('10.0.0.0/8');
    expect(list.match('11.0.0.0').allowed).toBe(false);
    expect(list.match('9.255.255.255').allowed).toBe(false);
  });

  it('matches an IPv6 CIDR range up to its last address', () => {
    const list = matcherFor(['2001:db8:abcd::/48']);

    expect(list.match('2001:db8:abcd:ffff:ffff:ffff:ffff:ffff').matchedEntry).toBe(
      '2001:db8:abcd::/48',
    );
    expect(list.match('2001:db8:abce::').allowed).toBe(false);
  });

  it('matches an IPv4 first-last range including both ends', () => {
    const list = matcherFor(['192.168.1.10-192.168.1.20']);

    expect(list.match('192.168.1.10').matchedEntry).toBe('192.168.1.10-192.168.1.20');
    expect(list.match('192.168.1.20').allowed).toBe(true);
    expect(list.match('192.168.1.9').allowed).toBe(false);
    expect(list.match('192.168.1.21').allowed).toBe(false);
  });

  it('matches an IPv6 first-last range including both ends', () => {
    const list = matcherFor(['2001:db8::10-2001:db8::20']);

    expect(list.match('2001:db8::10').matchedEntry).toBe('2001:db8::10-2001:db8::20');
    expect(list.match('2001:db8::20').allowed).toBe(true);
    expect(list.match('2001:db8::21').allowed).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 client address against the IPv4 entry', () => {
    const list = matcherFor(['10.0.0.0/8', '192.168.1.10']);

    expect(list.match('::ffff:10.1.2.3')).toEqual({ allowed: true, matchedEntry: '10.0.0.0/8' });
    expect(list.match('::ffff:c0a8:10a').matchedEntry).toBe('192.168.1.10');
  });

  it('does not let an IPv6 entry match an IPv4 address or the other way round', () => {
    expect(matcherFor(['::/0']).match('1.2.3.4').allowed).toBe(false);
    expect(matcherFor(['0.0.0.0/0']).match('2001:db8::1').allowed).toBe(false);
  });

  it('reports an entry that contains the address when entries overlap', () => {
    const list = matcherFor(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0-10.1.2.9', '10.200.0.0/16']);

    expect(list.match('10.1.2.5').allowed).toBe(true);
    expect(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0-10.1.2.9']).toContain(
      list.match('10.1.2.5').matchedEntry,
    );
    expect(list.match('10.250.0.1').matchedEntry).toBe('10.0.0.0/8');
  });
});

describe('empty and unusable addresses', () => {
  it('allows every address, and no address at all, when the list is empty', () => {
    const list = compileIpList([]);

    expect(list.empty).toBe(true);
    expect(list.match('203.0.113.9')).toEqual({ allowed: true, matchedEntry: null });
    expect(list.match(null)).toEqual({ allowed: true, matchedEntry: null });
    expect(list.match('junk')).toEqual({ allowed: true, matchedEntry: null });
  });

  it('denies a missing or unparseable address when the list has entries', () => {
    const list = matcherFor(['0.0.0.0/0', '::/0']);

    expect(list.match(null)).toEqual({ allowed: false, matchedEntry: null });
    expect(list.match('not an address')).toEqual({ allowed: false, matchedEntry: null });
    expect(list.match('1.2.3.4:8080')).toEqual({ allowed: false, matchedEntry: null });
  });

  it('contains nothing when empty, for the trusted proxies list', () => {
    expect(compileIpList([]).contains('127.0.0.1')).toBe(false);
    expect(matcherFor(['127.0.0.1']).contains('127.0.0.1')).toBe(true);
    expect(matcherFor(['127.0.0.1']).contains(null)).toBe(false);
  });

  it('refuses to compile an entry that was not validated', () => {
    expect(() => compileIpList(['10.0.0.0/40'])).toThrow('entries[0]');
  });
});

describe('entry validation on save', () => {
  it('rejects each invalid entry naming ipAllowlist[i] and a reason', () => {
    const result = normalizeIpEntries(
      ['10.0.0.1', 'banana', '10.0.0.0/33', '10.0.0.9-10.0.0.1', '10.0.0.1-::1', 42, ''],
      'ipAllowlist',
    );

    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'ipAllowlist[1]', reason: expect.stringContaining('not an IPv4 or IPv6') },
        { field: 'ipAllowlist[2]', reason: 'has an IPv4 prefix length outside 0–32' },
        { field: 'ipAllowlist[3]', reason: 'is a range that starts after it ends' },
        { field: 'ipAllowlist[4]', reason: 'is a range that mixes IPv4 and IPv6' },
        { field: 'ipAllowlist[5]', reason: 'must be a string' },
        { field: 'ipAllowlist[6]', reason: 'is empty' },
      ],
    });
  });

  it('rejects zone ids, octal or hex parts, short forms and the deprecated ::a.b.c.d form', () => {
    for (const entry of ['fe80::1%eth0', '010.0.0.1', '0x7f.0.0.1', '127.1', '::1.2.3.4']) {
      expect(parseIpEntry(entry)).toEqual({ ok: false, reason: expect.any(String) });
    }
  });

  it('rejects a list that is not an array or is longer than 10,000 entries', () => {
    expect(normalizeIpEntries('10.0.0.1', 'trustedProxies')).toEqual({
      ok: false,
      errors: [{ field: 'trustedProxies', reason: 'must be a list of IP addresses or ranges' }],
    });
    const tooMany = Array.from({ length: MAX_IP_ENTRIES + 1 }, () => '10.0.0.1');
    expect(normalizeIpEntries(tooMany, 'ipAllowlist')).toEqual({
      ok: false,
      errors: [{ field: 'ipAllowlist', reason: 'must have at most 10000 entries' }],
    });
  });

  it('normalises entries: trims, lower-cases, compresses IPv6, clears host bits, drops duplicates', () => {
    const result = normalizeIpEntries(
      [' 10.1.2.3/8 ', '10.0.0.0/8', '2001:0DB8:0000::0001', '::ffff:192.168.0.1', '192.168.0.1'],
      'ipAllowlist',
    );

    expect(result).toEqual({ ok: true, entries: ['10.0.0.0/8', '2001:db8::1', '192.168.0.1'] });
  });

  it('turns an IPv4-mapped IPv6 network into the IPv4 network', () => {
    expect(parseIpEntry('::ffff:10.0.0.0/104')).toEqual({ ok: true, entry: '10.0.0.0/8' });
    expect(parseIpEntry('::ffff:10.0.0.0/64')).toEqual({ ok: false, reason: expect.any(String) });
  });

  it('writes an IPv6 network and range in RFC 5952 form', () => {
    expect(parseIpEntry('2001:DB8:ABCD:12::/48')).toEqual({
      ok: true,
      entry: '2001:db8:abcd::/48',
    });
    expect(parseIpEntry('2001:db8::0010 - 2001:db8::0020')).toEqual({
      ok: true,
      entry: '2001:db8::10-2001:db8::20',
    });
  });
});

describe('single address normalisation', () => {
  it('gives the canonical text of an address and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(normalizeAddress('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(normalizeAddress('::FFFF:0102:0304')).toBe('1.2.3.4');
    expect(normalizeAddress('2001:0DB8::0001')).toBe('2001:db8::1');
    expect(normalizeAddress(' 203.0.113.7 ')).toBe('203.0.113.7');
  });

  it('reads every spelling of an IPv4-mapped address as IPv4 and refuses a loose dotted part', () => {
    for (const raw of ['::ffff:192.0.2.1', '::FFFF:192.0.2.1', '0:0:0:0:0:ffff:192.0.2.1']) {
      expect(normalizeAddress(raw)).toBe('192.0.2.1');
    }
    expect(normalizeAddress('::ffff:0:192.0.2.1')).toBe('::ffff:0:c000:201');
    expect(normalizeAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b::c000:201');
    for (const raw of ['::ffff:010.0.0.1', '::ffff:0x7f.0.0.1', '::ffff:1.2.3', '::1.2.3.4']) {
      expect(normalizeAddress(raw)).toBeNull();
    }
  });

  it('returns null for ports, brackets, zone ids, ranges and junk', () => {
    for (const raw of ['1.2.3.4:80', '[::1]', 'fe80::1%eth0', '10.0.0.0/8', '1.2.3', '', 'x']) {
      expect(normalizeAddress(raw)).toBeNull();
    }
  });
});
