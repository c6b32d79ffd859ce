/**
 * The address reader (net.isIPv4/isIPv6, then ip-codec) against ipaddr.js, the reference the
 * entries were first read with: for every text Node accepts, both give the same address.
 */
import { isIPv6 } from 'node:net';

import fc from 'fast-check';
import ipaddr from 'ipaddr.js';

import { addressText, parseAddress, type ParsedAddress } from '../../src/core/ip-address';
import { normalizeAddress } from '../../src/core/ip-allowlist';

const GROUP = 0x10000;

/** What ipaddr.js reads from `text`, as the reader's words (IPv4-mapped IPv6 as IPv4). */
function reference(text: string): ParsedAddress {
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') {
    const [a = 0, b = 0, c = 0, d = 0] = (parsed as ipaddr.IPv4).octets;
    return { family: 'v4', words: [((a << 24) | (b << 16) | (c << 8) | d) >>> 0] };
  }
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) {
    return reference(v6.toIPv4Address().toString());
  }
  const parts = v6.parts;
  const words = [0, 2, 4, 6].map((at) => (parts[at] ?? 0) * GROUP + (parts[at + 1] ?? 0));
  return { family: 'v6', words };
}

/** Upper-cases a random selection of the hex letters. */
function mixedCase(text: string, mask: number): string {
  return [...text].map((c, i) => ((mask >> (i % 31)) & 1 ? c.toUpperCase() : c)).join('');
}

describe('reading an address', () => {
  it('reads every IPv4 text as ipaddr.js does', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(parseAddress(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every IPv6 text Node accepts, in any case and compression, as ipaddr.js does', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (text, mask) => {
        const written = mixedCase(text, mask);
        fc.pre(isIPv6(written) && !/^::\d+\.\d+\.\d+\.\d+$/.test(written));
        expect(parseAddress(written)).toEqual(reference(written));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads compressed zero runs at the start, middle and end', () => {
    expect(parseAddress('::')).toEqual({ family: 'v6', words: [0, 0, 0, 0] });
    expect(parseAddress('::1')).toEqual({ family: 'v6', words: [0, 0, 0, 1] });
    expect(parseAddress('fe80::')).toEqual({ family: 'v6', words: [0xfe800000, 0, 0, 0] });
    expect(parseAddress('2001:DB8::ff:1')).toEqual({
      family: 'v6',
      words: [0x20010db8, 0, 0, 0x00ff0001],
    });
    expect(parseAddress('::2:3:4:5:6:7:8')).toEqual({
      family: 'v6',
      words: [0x00000002, 0x00030004, 0x00050006, 0x00070008],
    });
    expect(parseAddress('::0:0:0:0:0:0.0.0.1')).toEqual({ family: 'v6', words: [0, 0, 0, 1] });
    expect(parseAddress('1:2:3:4:5:6:7:8')).toEqual({
      family: 'v6',
      words: [0x00010002, 0x00030004, 0x00050006, 0x00070008],
    });
  });

  it('reads an IPv4-mapped address, in either spelling, as the IPv4 address', () => {
    const v4 = { family: 'v4', words: [0xc0000207] };
    expect(parseAddress('::ffff:192.0.2.7')).toEqual(v4);
    expect(parseAddress('::FFFF:c000:207')).toEqual(v4);
    expect(parseAddress('0:0:0:0:0:ffff:192.0.2.7')).toEqual(v4);
  });

  it('keeps a dotted tail that is not IPv4-mapped as IPv6', () => {
    expect(parseAddress('64:ff9b::192.0.2.7')).toEqual({
      family: 'v6',
      words: [0x0064ff9b, 0, 0, 0xc0000207],
    });
  });

  it('refuses what Node refuses, zone ids and the deprecated ::a.b.c.d', () => {
    for (const text of [
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::1',
      'fe80::1%eth0',
      '::192.0.2.7',
      '::ffff:192.0.2.256',
      '::ffff:01.2.3.4',
      'g::1',
      '1.2.3.04',
      '1.2.3',
      '',
      ':',
    ]) {
      expect(parseAddress(text)).toBeNull();
    }
  });

  it('normalises every IPv4 text to the text the parser writes, and returns Node-accepted dotted IPv4 unchanged', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const parsed = parseAddress(text);
        expect(parsed).not.toBeNull();
        expect(normalizeAddress(text)).toBe(addressText(parsed as ParsedAddress));
        expect(normalizeAddress(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
    expect(normalizeAddress(' 192.0.2.7 ')).toBe('192.0.2.7');
    expect(normalizeAddress('192.0.2.07')).toBeNull();
  });
});
