import { MAX_AUTHORIZATION_BYTES, parseAuthorization } from '../../src/core/credentials';

function basic(userPass: string, scheme = 'Basic'): string {
  return `${scheme} ${Buffer.from(userPass, 'utf8').toString('base64')}`;
}

describe('Authorization header: Basic (RFC 7617)', () => {
  it('reads user-id and password', () => {
    expect(parseAuthorization(basic('alice:s3cret'))).toEqual({
      kind: 'basic',
      user: 'alice',
      secret: 's3cret',
    });
  });

  it('accepts the scheme in any case', () => {
    for (const scheme of ['basic', 'BASIC', 'bAsIc']) {
      expect(parseAuthorization(basic('alice:pw', scheme))).toEqual({
        kind: 'basic',
        user: 'alice',
        secret: 'pw',
      });
    }
  });

  it('accepts several spaces after the scheme', () => {
    expect(parseAuthorization('Basic    YWxpY2U6cHc=')).toEqual({
      kind: 'basic',
      user: 'alice',
      secret: 'pw',
    });
  });

  it('splits at the first colon, so the password may contain colons', () => {
    expect(parseAuthorization(basic('alice:pa:ss:word'))).toEqual({
      kind: 'basic',
      user: 'alice',
      secret: 'pa:ss:word',
    });
  });

  it('reads UTF-8 user names and passwords', () => {
    expect(parseAuthorization(basic('jürgen.müller@example.com:pässwörd€'))).toEqual({
      kind: 'basic',
      user: 'jürgen.müller@example.com',
      secret: 'pässwörd€',
    });
  });

  it('refuses credentials without a colon', () => {
    expect(parseAuthorization(basic('alice'))).toEqual({
      kind: 'malformed',
      reason: 'no colon between user-id and password',
    });
  });

  it('refuses characters outside base64', () => {
    expect(parseAuthorization('Basic YWxp!2U6cHc=')).toMatchObject({ kind: 'malformed' });
    expect(parseAuthorization('Basic YWxpY2U6cHc-')).toMatchObject({ kind: 'malformed' });
  });

  it('refuses missing, extra or misplaced padding', () => {
    expect(parseAuthorization('Basic YWxpY2U6cHc')).toMatchObject({ kind: 'malformed' });
    expect(parseAuthorization('Basic YWxpY2U6cHc==')).toMatchObject({ kind: 'malformed' });
    expect(parseAuthorization('Basic YW=xpY2U6cHc')).toMatchObject({ kind: 'malformed' });
  });

  it('refuses base64 with stray bits that does not decode back to itself', () => {
    expect(parseAuthorization('Basic YWxpY2U6cHd=')).toEqual({
      kind: 'malformed',
      reason: 'not canonical base64',
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    const latin1 = Buffer.from([0x61, 0xfc, 0x3a, 0x70]).toString('base64');
    expect(parseAuthorization(`Basic ${latin1}`)).toEqual({
      kind: 'malformed',
      reason: 'not UTF-8',
    });
  });

  it('refuses an empty user-id and control characters', () => {
    expect(parseAuthorization(basic(':token'))).toEqual({
      kind: 'malformed',
      reason: 'empty user-id',
    });
    expect(parseAuthorization(basic('alice:pw\nX-Evil: 1'))).toMatchObject({ kind: 'malformed' });
  });

  it('refuses the scheme without credentials', () => {
    expect(parseAuthorization('Basic')).toMatchObject({ kind: 'malformed' });
    expect(parseAuthorization('Basic ')).toMatchObject({ kind: 'malformed' });
  });
});

describe('Authorization header: Bearer (RFC 6750)', () => {
  it('reads the token in any scheme case', () => {
    expect(parseAuthorization('Bearer atat_abc123')).toEqual({
      kind: 'bearer',
      secret: 'atat_abc123',
    });
    expect(parseAuthorization('bearer atat_abc123')).toEqual({
      kind: 'bearer',
      secret: 'atat_abc123',
    });
  });

  it('refuses a token with characters outside b64token', () => {
    expect(parseAuthorization('Bearer abc def')).toMatchObject({ kind: 'malformed' });
    expect(parseAuthorization('Bearer abc,def')).toMatchObject({ kind: 'malformed' });
  });
});

describe('Authorization header: absent, unknown, too long, repeated', () => {
  it('is none when there is no header', () => {
    expect(parseAuthorization(undefined)).toEqual({ kind: 'none' });
    expect(parseAuthorization([])).toEqual({ kind: 'none' });
  });

  it('is malformed when the header is empty', () => {
    expect(parseAuthorization('')).toEqual({ kind: 'malformed', reason: 'empty' });
    expect(parseAuthorization('   ')).toEqual({ kind: 'malformed', reason: 'empty' });
  });

  it('refuses an unknown scheme', () => {
    expect(parseAuthorization('Digest username="alice", realm="x"')).toEqual({
      kind: 'malformed',
      reason: 'unsupported scheme',
    });
    expect(parseAuthorization('Token atat_abc')).toMatchObject({ kind: 'malformed' });
  });

  it('refuses a header longer than 8 KiB and accepts one of exactly 8 KiB', () => {
    const prefix = 'Bearer ';
    const exact = prefix + 'a'.repeat(MAX_AUTHORIZATION_BYTES - prefix.length);
    expect(MAX_AUTHORIZATION_BYTES).toBe(8192);
    expect(parseAuthorization(exact)).toMatchObject({ kind: 'bearer' });
    expect(parseAuthorization(exact + 'a')).toEqual({
      kind: 'malformed',
      reason: 'longer than 8192 bytes',
    });
  });

  it('refuses several Authorization headers and reads a single one given as a list', () => {
    expect(parseAuthorization([basic('a:b'), basic('c:d')])).toEqual({
      kind: 'malformed',
      reason: 'several Authorization headers',
    });
    expect(parseAuthorization([basic('a:b')])).toEqual({ kind: 'basic', user: 'a', secret: 'b' });
  });
});
