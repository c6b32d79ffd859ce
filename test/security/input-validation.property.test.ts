/**
 * Property (fast-check, bounded): no input to any REST route (generated from REST_ROUTES: path
 * parameters, query strings, JSON and non-JSON bodies) or to any operation (as the resolvers and
 * the bridge pass them) gets a 5xx answer or an error that is not the documented error body.
 */
import fc from 'fast-check';
import type { OperationKey } from '../../src/app/contract';
import { OPERATIONS } from '../../src/app/operations';
import { REST_ROUTES, type RestRoute } from '../../src/app/rest-routes';
import { DEFAULT_SETTINGS } from '../../src/core/types';
import { basic, rawRequest } from './http';
import { callerOf, startWorld, type World } from './world';

const REST_RUNS = { numRuns: 30, interruptAfterTimeLimit: 8_000 };
const OPERATION_RUNS = { numRuns: 60, interruptAfterTimeLimit: 5_000 };
const MAX_PARAM_CHARS = 320;

/** Every field name of the contract's payloads, and values near their edges. */
const FIELDS = [
  'name',
  'validity',
  'scope',
  'user',
  'id',
  'expiringWithinDays',
  'unusedForDays',
  'limit',
  'cursor',
  'ip',
  'actor',
  'target',
  'action',
  'format',
  'query',
  'maxValidity',
  'ipAllowlist',
  'trustedProxies',
  'passwordAuthEnabled',
  'adminsOnlyCreate',
  'usersMayUseAssignedTokens',
  'version',
  '__proto__',
  'constructor',
];
const EDGE_VALUES = [
  '',
  ' ',
  'never',
  '6m',
  '2y',
  'read-only',
  'alice',
  'admin',
  'alice@example.test',
  'acc-bob',
  '0',
  '-1',
  '1e3',
  '1.5',
  '9999999999',
  'NaN',
  'true',
  'null',
  'csv',
  'json',
  'token.created',
  '10.0.0.0/8',
  '::ffff:1.2.3.4',
  '1.2.3.4-1.2.3.1',
  'tok_unknown',
  '%',
  '\u0000',
  'x'.repeat(2000),
];

/** Bodies that trip parsers: prototype poisoning, truncation, deep nesting, odd encodings. */
const HOSTILE_BODIES = [
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"name":"x","validity":"never"',
  '['.repeat(5000),
  '\ufeff{"name":"x"}',
  'null',
  '"just a string"',
];

const text = fc.oneof(
  fc.constantFrom(...EDGE_VALUES),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
/** Path parameters within the router's length limit (longer ones: see the known defect below). */
const param = text.filter((value) => encodeURIComponent(value).length <= MAX_PARAM_CHARS);
const key = fc.oneof({ arbitrary: fc.constantFrom(...FIELDS), weight: 3 }, text);
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(key, fc.oneof(text, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 }),
  fc.constant({ ...DEFAULT_SETTINGS, ipAllowlist: ['nonsense'] }),
);

interface RestInput {
  params: string[];
  query: [string, string][];
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; type: string; text: string } | null;
  caller: 'admin' | 'alice';
}

function restInputs(route: RestRoute): fc.Arbitrary<RestInput> {
  return fc.record({
    params: fc.array(param, {
      minLength: route.params?.length ?? 0,
      maxLength: route.params?.length ?? 0,
    }),
    query: fc.array(fc.tuple(key, text), { maxLength: 5 }),
    body: fc.oneof(
      jsonish.map((value) => ({ kind: 'json' as const, value })),
      fc
        .tuple(
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
          fc.oneof(text, fc.constantFrom(...HOSTILE_BODIES)),
        )
        .map(([type, raw]) => ({ kind: 'raw' as const, type, text: raw })),
      fc.constant(null),
    ),
    caller: fc.constantFrom('admin' as const, 'alice' as const),
  });
}

function requestLines(route: RestRoute, input: RestInput): { head: string[]; body: Buffer } {
  let index = 0;
  const path = route.path.replace(/\{\w+\}/g, () =>
    encodeURIComponent(input.params[index++] ?? ''),
  );
  const query = new URLSearchParams(input.query).toString();
  const head = [
    `${route.method} ${path}${query === '' ? '' : `?${query}`} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Authorization: ${basic(input.caller, `${input.caller}-password`)}`,
  ];
  if (input.body === null) {
    return { head, body: Buffer.alloc(0) };
  }
  const body =
    input.body.kind === 'json' ? (JSON.stringify(input.body.value) ?? 'null') : input.body.text;
  head.push(`Content-Type: ${input.body.kind === 'json' ? 'application/json' : input.body.type}`);
  return { head, body: Buffer.from(body, 'utf8') };
}

/** `{code, message, requestId}` with an optional details list, and nothing else. */
function isErrorBody(answer: string): boolean {
  const json = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  try {
    const body = JSON.parse(json) as Record<string, unknown>;
    const keys = Object.keys(body).filter((name) => !['details', 'current'].includes(name));
    return keys.sort().join() === 'code,message,requestId' && typeof body.code === 'string';
  } catch {
    return false;
  }
}

let world: World;

describe.each(REST_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
  'REST %s',
  (_, route) => {
    beforeAll(async () => {
      world = await startWorld({ failurePolicy: { limit: 1_000_000, windowMs: 60_000 } });
    });

    afterAll(async () => world.close());

    it('answers any input without a 5xx, and every refusal with the error body', async () => {
      await fc.assert(
        fc.asyncProperty(restInputs(route), async (input) => {
          const { head, body } = requestLines(route, input);
          const reply = await rawRequest(world.baseUrl, head, body);
          const current = await world.stores.settings.get();
          await world.run('admin', 'saveSettings', {
            ...DEFAULT_SETTINGS,
            version: current.version,
          });

          expect(reply.status).toBeGreaterThanOrEqual(200);
          expect(reply.status).toBeLessThan(500);
          if (reply.status >= 400) {
            expect(isErrorBody(reply.text)).toBe(true);
          }
        }),
        REST_RUNS,
      );
    }, 20_000);
  },
);

describe.each(Object.keys(OPERATIONS) as OperationKey[])('operation %s', (operation) => {
  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => world.close());

  it('answers any payload from any caller without throwing or a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(jsonish, fc.anything()),
        fc.constantFrom('admin', 'alice', 'nobody'),
        async (payload, who) => {
          const result = await world.app.runOperation(operation, payload, callerOf(who));
          expect(result.status).toBeLessThan(500);
          const current = await world.stores.settings.get();
          await world.run('admin', 'saveSettings', {
            ...DEFAULT_SETTINGS,
            version: current.version,
          });
        },
      ),
      OPERATION_RUNS,
    );
  });
});

describe('a path the router itself refuses', () => {
  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => world.close());

  // Known defect: Fastify's router answers a path parameter over its length limit (414) and a
  // path with broken percent-encoding (400) itself, with its own body (echoing the path) and
  // without the server's headers (nosniff, request id). Switch to `it.each` once the server
  // maps router errors to the error body.
  it.failing.each([
    ['an over-long parameter', `/api/v1/users/${'x'.repeat(MAX_PARAM_CHARS + 1)}/failures`],
    ['broken percent-encoding (API)', '/api/v1/tokens/%E0%A4%A'],
    ['broken percent-encoding (gateway)', '/rest/api/2/%E0%A4%A'],
  ])('is answered with the error body and the usual headers: %s', async (_, path) => {
    const reply = await rawRequest(world.baseUrl, [
      `GET ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: ${basic('admin', 'admin-password')}`,
    ]);
    expect(reply.status).toBeLessThan(500);
    expect(isErrorBody(reply.text)).toBe(true);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
