/**
 * Password guessing through the local sign-in form: after 10 failures from an address it
 * answers 429 with Retry-After, even to the right password, and an attacker cannot wipe the
 * count by signing in with an account of their own in between. The address is the client
 * address the gateway sees: behind a trusted proxy the client's own X-Forwarded-For hop,
 * otherwise the socket's (the tests' peer is always 127.0.0.1).
 */
import {
  createSignInThrottle,
  MAX_SIGN_IN_ADDRESSES,
  SIGN_IN_FAILURE_LIMIT,
  SIGN_IN_WINDOW_MS,
  type SignInAttempt,
  type SignInThrottle,
} from '../../src/adapters/local/pages/login-throttle';
import { startWorld, type World } from './world';

let world: World;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => world.close());

async function signInAttempt(
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await fetch(`${world.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...headers,
      'content-type': 'application/x-www-form-urlencoded',
      origin: world.baseUrl,
    },
    body: new URLSearchParams({ username, password, next: '/' }).toString(),
  });
  await response.text();
  return response;
}

async function guess(count: number, headers: Record<string, string> = {}): Promise<void> {
  for (let attempt = 0; attempt < count; attempt += 1) {
    const response = await signInAttempt('alice', `guess-${attempt}`, headers);
    expect(response.headers.get('set-cookie')).toBeNull();
  }
}

describe('the sign-in form', () => {
  it('refuses even the right password with 429 and Retry-After after 10 wrong ones', async () => {
    await guess(10);
    const response = await signInAttempt('alice', 'alice-password');
    expect({
      status: response.status,
      retryAfter: Number(response.headers.get('retry-after')) > 0,
      cookie: response.headers.get('set-cookie'),
    }).toEqual({ status: 429, retryAfter: true, cookie: null });
  });

  it('lets the right password in after 9 wrong ones', async () => {
    await guess(9);
    expect((await signInAttempt('alice', 'alice-password')).status).toBe(303);
  });

  it("does not forget an address's failures when someone else signs in from it", async () => {
    await guess(9);
    expect((await signInAttempt('bob', 'bob-password')).status).toBe(303);
    await guess(1);
    expect((await signInAttempt('alice', 'alice-password')).status).toBe(429);
  });

  it("forgets only the signed-in user's own failures at that address", async () => {
    await guess(5);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await signInAttempt('bob', `bob-guess-${attempt}`);
    }
    expect((await signInAttempt('bob', 'bob-password')).status).toBe(303);
    await guess(4);
    expect((await signInAttempt('alice', 'alice-password')).status).toBe(303);
  });
});

describe("the sign-in form's client address", () => {
  const forwardedFor = (address: string): Record<string, string> => ({
    'x-forwarded-for': address,
  });
  const failedSignInAddresses = (): unknown[] =>
    world.logs
      .filter((entry) => entry.message === 'sign-in failed')
      .map((entry) => entry.fields?.ip);

  it("throttles only the forwarded client's address when 127.0.0.1 is a trusted proxy", async () => {
    await world.configure({ trustedProxies: ['127.0.0.1'] });
    await guess(10, forwardedFor('203.0.113.5'));

    const attacker = await signInAttempt('alice', 'alice-password', forwardedFor('203.0.113.5'));
    const neighbour = await signInAttempt('bob', 'bob-password', forwardedFor('203.0.113.6'));
    expect({ attacker: attacker.status, neighbour: neighbour.status }).toEqual({
      attacker: 429,
      neighbour: 303,
    });
    expect(failedSignInAddresses()).toEqual(Array<string>(10).fill('203.0.113.5'));
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await signInAttempt(
        'alice',
        `guess-${attempt}`,
        forwardedFor(`203.0.113.${attempt + 10}`),
      );
      expect(response.status).toBe(200);
    }

    const spoofed = await signInAttempt('alice', 'alice-password', forwardedFor('203.0.113.99'));
    expect({ status: spoofed.status, cookie: spoofed.headers.get('set-cookie') }).toEqual({
      status: 429,
      cookie: null,
    });
    expect(new Set(failedSignInAddresses())).toEqual(new Set(['127.0.0.1']));
  });

  it('refuses with 503 and signs no one in when the settings cannot be read', async () => {
    world.faults.inject({ part: 'settings' });
    const response = await signInAttempt('alice', 'alice-password');
    world.faults.clear();

    expect({ status: response.status, cookie: response.headers.get('set-cookie') }).toEqual({
      status: 503,
      cookie: null,
    });
  });
});

describe('the sign-in throttle (fixed clock)', () => {
  const START = Date.UTC(2026, 0, 15, 9, 0, 0);
  let clock = START;
  const throttle = (): SignInThrottle => createSignInThrottle(() => clock);
  const from = (address: string, username: string): SignInAttempt => ({ address, username });

  beforeEach(() => {
    clock = START;
  });

  it('locks an address for the rest of the 15-minute window after 10 failures', () => {
    const subject = throttle();
    for (let minute = 0; minute < 10; minute += 1) {
      clock = START + minute * 60_000;
      subject.recordFailure(from('192.0.2.7', `victim-${minute % 2}`));
    }

    expect(subject.waitSeconds('192.0.2.7')).toBe(6 * 60);
    expect(subject.waitSeconds('192.0.2.8')).toBe(0);
    clock = START + SIGN_IN_WINDOW_MS;
    expect(subject.waitSeconds('192.0.2.7')).toBe(0);
  });

  it('keeps the failures of other names at the address when one name signs in', () => {
    const subject = throttle();
    for (let attempt = 0; attempt < 9; attempt += 1) {
      subject.recordFailure(from('192.0.2.7', 'alice'));
    }
    subject.recordFailure(from('192.0.2.7', 'mallory'));
    subject.recordSuccess(from('192.0.2.7', 'mallory'));
    subject.recordSuccess(from('192.0.2.9', 'alice'));
    subject.recordFailure(from('192.0.2.7', 'alice'));

    expect(subject.waitSeconds('192.0.2.7')).toBe(SIGN_IN_WINDOW_MS / 1000);
  });

  it('unlocks an address once the signed-in name had enough of its failures', () => {
    const subject = throttle();
    for (let attempt = 0; attempt < SIGN_IN_FAILURE_LIMIT; attempt += 1) {
      subject.recordFailure(from('192.0.2.7', attempt < 3 ? 'alice' : 'bob'));
    }
    subject.recordSuccess(from('192.0.2.7', 'alice'));

    expect(subject.waitSeconds('192.0.2.7')).toBe(0);
  });

  it('forgets the least recently failing address beyond the cap on remembered addresses', () => {
    const subject = throttle();
    for (let attempt = 0; attempt < SIGN_IN_FAILURE_LIMIT; attempt += 1) {
      subject.recordFailure(from('192.0.2.7', 'alice'));
    }
    for (let other = 0; other < MAX_SIGN_IN_ADDRESSES; other += 1) {
      subject.recordFailure(from(`2001:db8::${other.toString(16)}`, 'alice'));
    }

    expect(subject.waitSeconds('192.0.2.7')).toBe(0);
  });
});
