/**
 * Property (fast-check, bounded): whatever credentials and headers a request carries, the
 * gateway lets it through only with a valid credential of the user it names (any user for a
 * Bearer token), forwards it as exactly that user, and never answers 5xx. Requests go over a
 * raw socket, so headers arrive byte for byte as generated.
 */
import fc from 'fast-check';
import { generateToken } from '../../src/core/token-format';
import { FIXED_NOW } from '../support/factories';
import { basic, rawRequest } from './http';
import { startWorld, type World } from './world';

const RUNS = { numRuns: 150, interruptAfterTimeLimit: 20_000 };
const GENEROUS_POLICY = { limit: 1_000_000, windowMs: 15 * 60 * 1000 };

interface Secrets {
  alice: string;
  bob: string;
  readOnly: string;
  expired: string;
  revoked: string;
}

/** A credential and who it authenticates (null: nobody). */
interface Attempt {
  header: string | null;
  as: 'alice' | 'bob' | null;
}

let world: World;
let secrets: Secrets;

beforeAll(async () => {
  world = await startWorld({ failurePolicy: GENEROUS_POLICY });
  world.clock.set(FIXED_NOW - 250 * 86_400_000);
  const expired = await world.token('alice', { name: 'Expired', validity: '6m' });
  world.clock.set(FIXED_NOW);
  const revoked = await world.token('alice', { name: 'Revoked' });
  await world.run('alice', 'deleteToken', { id: revoked.id });
  secrets = {
    alice: (await world.token('alice', { name: 'Alice' })).token,
    bob: (await world.token('bob', { name: 'Bob' })).token,
    readOnly: (await world.token('alice', { name: 'Read-only', scope: 'read-only' })).token,
    expired: expired.token,
    revoked: revoked.token,
  };
});

afterAll(async () => world.close());

const ALICE_NAMES = ['alice', 'ALICE', 'alice@example.test', 'Alice@Example.Test', 'acc-alice'];
const NOT_ALICE = ['bob', 'admin', 'carol', 'alice ', ' alice', 'alic', 'acc-alice2', ''];

/** Characters HTTP forbids in a header value (tab aside): the server refuses such requests. */
const CONTROL = /[^\P{Cc}\t]/u;

/** Text that can sit in a header line (no CR, LF or NUL). */
const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 60 })
  .map((text) => text.replace(/[\r\n\0]/g, ''));

function mutate(secret: string, index: number, char: string): string {
  const at = index % secret.length;
  const replaced = secret[at] === char ? (char === 'a' ? 'b' : 'a') : char;
  return `${secret.slice(0, at)}${replaced}${secret.slice(at + 1)}`;
}

function attempts(): fc.Arbitrary<Attempt> {
  const valid = fc.oneof(
    fc
      .constantFrom(...ALICE_NAMES)
      .map((user): Attempt => ({ header: basic(user, secrets.alice), as: 'alice' })),
    fc
      .constantFrom('Bearer', 'bearer', 'BEARER')
      .map((scheme): Attempt => ({ header: `${scheme} ${secrets.alice}`, as: 'alice' })),
    fc.constant<Attempt>({ header: `Bearer ${secrets.bob}`, as: 'bob' }),
    fc.constant<Attempt>({ header: basic('alice', 'alice-password'), as: 'alice' }),
  );
  const invalid = fc.oneof(
    fc
      .constantFrom(...NOT_ALICE)
      .map((user): Attempt => ({ header: basic(user, secrets.alice), as: null })),
    fc.constantFrom('expired', 'revoked').map((which): Attempt => ({
      header: basic('alice', secrets[which as keyof Secrets]),
      as: null,
    })),
    fc.tuple(fc.nat(), fc.constantFrom('a', 'Z', '0', '_', ' ')).map(([index, char]): Attempt => ({
      header: `Bearer ${mutate(secrets.alice, index, char)}`,
      as: null,
    })),
    fc.constantFrom('x', ' ', '\t', '=', ':').map((suffix): Attempt => ({
      header: basic('alice', `${secrets.alice}${suffix}`),
      as: null,
    })),
    fc.constant<Attempt>({ header: basic('alice', generateToken()), as: null }),
    fc.constant<Attempt>({
      header: `Basic ${Buffer.from(secrets.alice).toString('base64')}`,
      as: null,
    }),
    fc.constant<Attempt>({ header: null, as: null }),
    headerText.map((text): Attempt => ({ header: text, as: null })),
    fc
      .tuple(fc.constantFrom('Basic', 'Bearer', 'Token', 'Digest'), headerText)
      .map(([scheme, text]): Attempt => ({ header: `${scheme} ${text}`, as: null })),
    fc
      .tuple(headerText, headerText)
      .map(([user, secret]): Attempt => ({ header: basic(user, secret), as: null })),
  );
  return fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: invalid, weight: 3 });
}

/** Headers a client may add to try its luck. */
const extraHeaders = fc.array(
  fc.tuple(
    fc.constantFrom(
      'X-Forwarded-For',
      'X-Forwarded-User',
      'Cookie',
      'Forwarded',
      'X-Real-IP',
      'Authorization',
    ),
    headerText,
  ),
  { maxLength: 3 },
);

describe('the gateway, for any credential and extra headers', () => {
  it('lets in only a valid credential, as exactly its user, and never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        attempts(),
        extraHeaders,
        fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
        async (attempt, extra, method) => {
          const lines = [`${method} /rest/api/2/myself HTTP/1.1`, 'Host: 127.0.0.1'];
          if (attempt.header !== null) {
            lines.push(`Authorization: ${attempt.header}`);
          }
          lines.push(...extra.map(([name, value]) => `${name}: ${value}`));
          const forwardedBefore = world.forwarded.length;

          const reply = await rawRequest(world.baseUrl, lines);

          const forwardedAs = world.forwarded
            .slice(forwardedBefore)
            .map((call) => call.as?.username ?? null);
          expect(reply.status).toBeLessThan(500);
          expect(reply.status).not.toBe(0);
          expect(forwardedAs.every((user) => user === attempt.as)).toBe(true);
          expect(forwardedAs.length).toBeLessThanOrEqual(1);
          // A valid credential in a well-formed request (one Authorization header) does get in.
          const wellFormed = extra.every(
            ([name, value]) => name !== 'Authorization' && !CONTROL.test(value),
          );
          if (attempt.as !== null && wellFormed) {
            expect(forwardedAs).toEqual([attempt.as]);
          }
        },
      ),
      RUNS,
    );
  }, 30_000);

  it('lets a read-only token read and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'),
        async (method) => {
          const reply = await rawRequest(world.baseUrl, [
            `${method} /rest/api/2/issue/1 HTTP/1.1`,
            'Host: 127.0.0.1',
            `Authorization: ${basic('alice', secrets.readOnly)}`,
          ]);
          expect(reply.status === 200).toBe(['GET', 'HEAD', 'OPTIONS'].includes(method));
        },
      ),
      { numRuns: 20 },
    );
  });
});
