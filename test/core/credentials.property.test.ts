import fc from 'fast-check';
import { parseAuthorization } from '../../src/core/credentials';

const RUNS = { numRuns: 200 };
const KINDS = ['none', 'malformed', 'basic', 'bearer'];

/** Header-like strings: a scheme-ish word, spaces, then anything (often base64). */
const headerLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom('Basic', 'basic', 'Bearer', 'BEARER', 'Digest', ''),
      fc.stringMatching(/^ {0,3}$/),
      fc.oneof(
        fc.base64String({ maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
      ),
    )
    .map(([scheme, spaces, rest]) => `${scheme}${spaces}${rest}`),
);

describe('Authorization parsing on any input', () => {
  it('never throws and always returns one of the four kinds', () => {
    fc.assert(
      fc.property(headerLike, (header) => KINDS.includes(parseAuthorization(header).kind)),
      RUNS,
    );
  });

  it('never throws on lists of headers', () => {
    fc.assert(
      fc.property(fc.array(headerLike, { maxLength: 3 }), (headers) =>
        KINDS.includes(parseAuthorization(headers).kind),
      ),
      RUNS,
    );
  });

  it('reads back any user-id without a colon and any password', () => {
    const noControl = (text: string): boolean => !/\p{Cc}/u.test(text);
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
          .filter((u) => !u.includes(':') && noControl(u)),
        fc.string({ unit: 'grapheme', maxLength: 40 }).filter(noControl),
        (user, secret) => {
          const header = `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
          const parsed = parseAuthorization(header);
          return parsed.kind === 'basic' && parsed.user === user && parsed.secret === secret;
        },
      ),
      RUNS,
    );
  });
});
