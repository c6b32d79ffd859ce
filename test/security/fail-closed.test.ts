/**
 * The gateway and the management API fail closed: whichever storage or directory read a
 * request makes is the one that fails, the answer is 503 UNAVAILABLE and nothing reaches the
 * product. The reads are taken from a trace of the same request, so a new read is covered
 * without changing this test.
 */
import { generateToken } from '../../src/core/token-format';
import type { RecordedCall } from '../support/faulty-stores';
import { basic, codeOf, send } from './http';
import { startWorld, type World } from './world';

const GENEROUS_POLICY = { limit: 1000, windowMs: 15 * 60 * 1000 };
const PATHS = ['/rest/api/2/myself', '/wiki/rest/api/user/current', '/api/v1/me'];

type CredentialKind = 'token (Basic)' | 'token (Bearer)' | 'password' | 'wrong token';
const CREDENTIAL_KINDS: CredentialKind[] = [
  'token (Basic)',
  'token (Bearer)',
  'password',
  'wrong token',
];

let world: World;
let secret: string;

beforeAll(async () => {
  world = await startWorld({ failurePolicy: GENEROUS_POLICY });
  secret = (await world.token('alice', { name: 'Fail-closed' })).token;
});

afterAll(async () => world.close());

afterEach(() => world.faults.clear());

function credential(kind: CredentialKind): string {
  switch (kind) {
    case 'token (Basic)':
      return basic('alice', secret);
    case 'token (Bearer)':
      return `Bearer ${secret}`;
    case 'password':
      return basic('alice', 'alice-password');
    case 'wrong token':
      return basic('alice', generateToken());
  }
}

/** The read calls one request makes, in order. */
async function readsOf(path: string, auth: string): Promise<RecordedCall[]> {
  const start = world.faults.calls.length;
  await send(world.baseUrl, path, { auth });
  return world.faults.calls.slice(start).filter((call) => call.kind === 'read');
}

describe.each(PATHS)('%s', (path) => {
  it.each(CREDENTIAL_KINDS)(
    'answers 503 UNAVAILABLE and forwards nothing when any one read fails, with a %s',
    async (kind) => {
      const reads = await readsOf(path, credential(kind));
      expect(reads.length).toBeGreaterThanOrEqual(2);

      for (const [index, read] of reads.entries()) {
        world.faults.clear();
        world.faults.inject({ kind: 'read', nth: index + 1 });
        const forwardedBefore = world.forwarded.length;

        const reply = await send(world.baseUrl, path, { auth: credential(kind) });

        const failedCall = `${read.part}.${read.method} (read ${index + 1})`;
        expect({ failedCall, status: reply.status, code: codeOf(reply) }).toEqual({
          failedCall,
          status: 503,
          code: 'UNAVAILABLE',
        });
        expect(world.forwarded.length).toBe(forwardedBefore);
      }
    },
  );
});

describe('writes on the authentication path', () => {
  it('refuses with 503 a wrong credential whose failure cannot be counted', async () => {
    world.faults.inject({ part: 'attempts', method: 'record' });
    const reply = await send(world.baseUrl, '/rest/api/2/myself', {
      auth: credential('wrong token'),
    });
    expect({ status: reply.status, code: codeOf(reply) }).toEqual({
      status: 503,
      code: 'UNAVAILABLE',
    });
  });

  it('still lets a good token in as its owner when recording its last use fails (best effort)', async () => {
    world.clock.advance(5 * 60_000);
    world.faults.inject({ part: 'tokens', method: 'touch' });
    const reply = await send(world.baseUrl, '/rest/api/2/myself', {
      auth: credential('token (Basic)'),
    });
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 200,
      body: { name: 'alice' },
    });
    expect(world.faults.calls.some((call) => call.method === 'touch' && call.failed)).toBe(true);
  });
});

describe('/healthz', () => {
  it('answers 503 when the store does not answer, and 200 when it does', async () => {
    expect((await send(world.baseUrl, '/healthz')).status).toBe(200);
    world.faults.inject({ part: 'settings' });
    const reply = await send(world.baseUrl, '/healthz');
    expect({ status: reply.status, code: codeOf(reply) }).toEqual({
      status: 503,
      code: 'UNAVAILABLE',
    });
  });
});
