import {
  TOKEN_PREFIX,
  constantTimeEqual,
  generateToken,
  hasTokenFormat,
  hashToken,
  randomId,
  tokenHint,
} from '../../src/core/token-format';

/** A token built by generateToken once, kept as a fixed vector (checksum included). */
const FIXED_TOKEN = 'atat_45IY1WiXEzstlsoZCtRPH5R9KInj40euEp';

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

describe('token format', () => {
  it('starts with the app prefix and is 39 characters of base62 after it', () => {
    const token = generateToken();

    expect(TOKEN_PREFIX).toBe('atat_');
    expect(token.startsWith('atat_')).toBe(true);
    expect(token).toHaveLength(39);
    expect(token).toMatch(/^atat_[0-9A-Za-z]{34}$/);
  });

  it('accepts a generated token and the fixed vector', () => {
    expect(hasTokenFormat(generateToken())).toBe(true);
    expect(hasTokenFormat(FIXED_TOKEN)).toBe(true);
  });

  it('rejects a token with one character of its random part changed (checksum)', () => {
    const changed = replaceAt(FIXED_TOKEN, 10, FIXED_TOKEN[10] === 'A' ? 'B' : 'A');

    expect(hasTokenFormat(changed)).toBe(false);
  });

  it('rejects a token with one character of its checksum changed', () => {
    const last = FIXED_TOKEN.length - 1;
    const changed = replaceAt(FIXED_TOKEN, last, FIXED_TOKEN[last] === 'A' ? 'B' : 'A');

    expect(hasTokenFormat(changed)).toBe(false);
  });

  it('rejects a wrong prefix, a wrong length, a foreign character and non-strings', () => {
    expect(hasTokenFormat('xtat_' + FIXED_TOKEN.slice(5))).toBe(false);
    expect(hasTokenFormat(FIXED_TOKEN.slice(0, -1))).toBe(false);
    expect(hasTokenFormat(FIXED_TOKEN + 'a')).toBe(false);
    expect(hasTokenFormat(replaceAt(FIXED_TOKEN, 12, '-'))).toBe(false);
    expect(hasTokenFormat('')).toBe(false);
    expect(hasTokenFormat(null as unknown as string)).toBe(false);
  });

  it('draws distinct tokens every time', () => {
    const tokens = new Set(Array.from({ length: 500 }, () => generateToken()));

    expect(tokens.size).toBe(500);
  });

  it('uses every base62 character in the random part (no alphabet truncated by the sampler)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i += 1) {
      for (const char of generateToken().slice(5, 33)) {
        seen.add(char);
      }
    }

    expect(seen.size).toBe(62);
  });

  it('hints at a token with the prefix and the first four random characters', () => {
    expect(tokenHint(FIXED_TOKEN)).toBe('atat_45IY');
  });

  it('hashes the whole token with SHA-256 in hex', () => {
    expect(hashToken('atat_example')).toBe(
      '7115bd38b3f4a4569421ad976bb871c845b1ddfe0ac6aebb43e5a7a60f3b6c7d',
    );
    expect(hashToken(FIXED_TOKEN)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(FIXED_TOKEN)).not.toContain(FIXED_TOKEN.slice(5));
  });
});

describe('random ids', () => {
  it('are the prefix followed by 22 base62 characters and distinct', () => {
    const ids = Array.from({ length: 200 }, () => randomId('tok_'));

    expect(ids[0]).toMatch(/^tok_[0-9A-Za-z]{22}$/);
    expect(new Set(ids).size).toBe(200);
  });
});

describe('constant-time comparison', () => {
  it('is true for equal strings and false for different ones of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
