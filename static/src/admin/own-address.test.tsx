import { listAllows } from './own-address';

test('an empty list allows the address', () => {
  expect(listAllows('203.0.113.7', [])).toBe(true);
});

test.each([
  ['203.0.113.7', ['192.0.2.0/24', '203.0.113.0/24'], true],
  ['203.0.113.7', ['203.0.113.1-203.0.113.9'], true],
  ['203.0.113.7', ['203.0.113.7'], true],
  ['::ffff:203.0.113.7', ['203.0.113.7'], true],
  ['2001:db8::5', ['2001:db8::/32'], true],
  ['203.0.113.7', ['192.0.2.0/24', '203.0.113.8-203.0.113.9'], false],
  ['203.0.113.7', ['2001:db8::/32'], false],
  ['2001:db8::5', ['10.0.0.0/8'], false],
  ['203.0.113.7', ['192.0.2.0/24', 'not an address'], null],
  ['not known', ['192.0.2.0/24'], null],
])('%s against %p: %p', (own, entries, expected) => {
  expect(listAllows(own, entries)).toBe(expected);
});
