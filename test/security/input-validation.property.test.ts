/**
 * Property (fast-check, bounded): no input to any REST route (generated from REST_ROUTES: path
 * parameters, query strings, JSON and non-JSON bodies, sent byte for byte) gets a 5xx answer or
 * an error that is not the documented error body.
 */
import fc from 'fast-check';
import { REST_ROUTES, type RestRoute } from '../../src/app/rest-routes';
import { DEFAULT_SETTINGS } from '../../src/core/types';
import { HOSTILE_BODIES, isErrorBody, jsonish, key, param, text } from './hostile-input';
import { basic, rawRequest } from './http';
import { startWorld, type World } from './world';

const REST_RUNS = { numRuns: 30, interruptAfterTimeLimit: 8_000 };

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
