import fc from 'fast-check';
import { generateToken, hasTokenFormat, tokenHint } from '../../src/core/token-format';

const RUNS = { numRuns: 200 };
/** Replacement characters: the token alphabet, the prefix's underscore and a few outsiders. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-+/= é';
const TOKEN_LENGTH = 39;

describe('token format properties', () => {
  it('accepts every generated token and hints at it with its first 9 characters', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const token = generateToken();
        return hasTokenFormat(token) && tokenHint(token) === token.slice(0, 9);
      }),
      RUNS,
    );
  });

  it('rejects every single-character change at every position', () => {
    const offsets = fc.array(fc.integer({ min: 1, max: ALPHABET.length - 1 }), {
      minLength: TOKEN_LENGTH,
      maxLength: TOKEN_LENGTH,
    });
    fc.assert(
      fc.property(offsets, (shifts) => {
        const token = generateToken();
        return shifts.every((shift, i) => {
          const original = token.charAt(i);
          const from = Math.max(0, ALPHABET.indexOf(original));
          let replacement = ALPHABET.charAt((from + shift) % ALPHABET.length);
          if (replacement === original) {
            replacement = original === 'a' ? 'b' : 'a';
          }
          return !hasTokenFormat(token.slice(0, i) + replacement + token.slice(i + 1));
        });
      }),
      RUNS,
    );
  });
});
