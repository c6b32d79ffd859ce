/**
 * The KVS budget of a gateway request under Forge (about 4,000 reads and 4,000 writes a minute
 * per installation): one KVS call per request. The keyed read of the token goes out alone
 * while the cached settings and failure windows are fresh, and together with their refresh
 * (the settings and the failure marker, one batch call) when they are due; a last-use write
 * at most once a minute per token. Counted by the fake KVS over a steady 50 requests a second.
 */
import { CLIENT_IP_HEADER_VARIABLE } from '../../src/adapters/forge/webtrigger-http';
import { kvsCounts, resetKvsCounts } from '../support/fake-kvs';
import { FIXED_NOW } from '../support/factories';
import { site } from './support/fake-site';
import {
  ALICE,
  basic,
  callWebTrigger,
  createToken,
  freshInstallation,
} from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

const REQUESTS = 500;
const INTERVAL_MS = 20;
const DURATION_MS = REQUESTS * INTERVAL_MS;

interface Load {
  authorization: (i: number) => string[];
  address: (i: number) => string;
}

async function steadyLoad(
  load: Load,
): Promise<{ reads: number; writes: number; statuses: Set<number> }> {
  resetKvsCounts();
  const statuses = new Set<number>();
  for (let i = 0; i < REQUESTS; i += 1) {
    jest.setSystemTime(FIXED_NOW + 60_000 + i * INTERVAL_MS);
    const response = await callWebTrigger({
      path: '/rest/api/3/myself',
      headers: { Authorization: load.authorization(i), 'X-Forwarded-For': [load.address(i)] },
    });
    statuses.add(response.statusCode);
  }
  const { reads, writes } = kvsCounts();
  return { reads, writes, statuses };
}

let secret = '';

beforeEach(async () => {
  jest.useFakeTimers({
    now: FIXED_NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
  });
  process.env[CLIENT_IP_HEADER_VARIABLE] = 'x-forwarded-for';
  freshInstallation();
  secret = (await createToken(ALICE)).secret;
});

afterEach(() => {
  jest.useRealTimers();
  delete process.env[CLIENT_IP_HEADER_VARIABLE];
});

describe('KVS budget of gateway requests', () => {
  it('costs one KVS call per Bearer request, the refreshes of settings and failure windows included', async () => {
    const result = await steadyLoad({
      authorization: () => [`Bearer ${secret}`],
      address: () => '198.51.100.7',
    });

    expect(result.statuses).toEqual(new Set([200]));
    expect({ reads: result.reads }).toEqual({ reads: REQUESTS });
  });

  it('costs the same for Basic requests naming the user (user-at-address lock check from memory)', async () => {
    const result = await steadyLoad({
      authorization: () => basic(ALICE.accountId, secret),
      address: () => '198.51.100.7',
    });

    expect(result.statuses).toEqual(new Set([200]));
    expect({ reads: result.reads }).toEqual({ reads: REQUESTS });
  });

  it('adds no read per request when every request comes from another address', async () => {
    const result = await steadyLoad({
      authorization: () => [`Bearer ${secret}`],
      address: (i) => `198.51.${Math.floor(i / 250)}.${i % 250}`,
    });

    expect(result.statuses).toEqual(new Set([200]));
    expect({ reads: result.reads }).toEqual({ reads: REQUESTS });
  });

  it('writes the last use at most once a minute per token (0.05 writes a request at most)', async () => {
    const result = await steadyLoad({
      authorization: () => [`Bearer ${secret}`],
      address: () => '198.51.100.7',
    });

    expect(result.writes).toBe(1);
    expect(result.writes / REQUESTS).toBeLessThanOrEqual(0.05);
  });

  it('asks the product about the token owner at most once per 30 s per instance', async () => {
    site.calls = [];

    await steadyLoad({ authorization: () => [`Bearer ${secret}`], address: () => '198.51.100.7' });

    const lookups = site.calls.filter((call) => call.as === 'app').length;
    expect(lookups).toBeLessThanOrEqual(Math.ceil(DURATION_MS / 30_000) + 1);
  });
});
