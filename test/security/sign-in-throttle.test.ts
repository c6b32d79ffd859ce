/**
 * Password guessing through the local sign-in form: after 10 failures from an address it
 * answers 429 with Retry-After, even to the right password, and an attacker cannot wipe the
 * count by signing in with an account of their own in between.
 */
import { startWorld, type World } from './world';

let world: World;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => world.close());

async function signInAttempt(username: string, password: string): Promise<Response> {
  const response = await fetch(`${world.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: world.baseUrl },
    body: new URLSearchParams({ username, password, next: '/' }).toString(),
  });
  await response.text();
  return response;
}

async function guess(count: number): Promise<void> {
  for (let attempt = 0; attempt < count; attempt += 1) {
    const response = await signInAttempt('alice', `guess-${attempt}`);
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

  // Known defect: a successful sign-in clears every failure of its address, so an attacker
  // with any account of their own can guess another user's password without limit (9 guesses,
  // sign in as themselves, 9 more…). Switch to `it` once a success no longer wipes the count
  // of other users' failures.
  it.failing("does not forget an address's failures when someone signs in from it", async () => {
    await guess(9);
    expect((await signInAttempt('bob', 'bob-password')).status).toBe(303);
    await guess(1);
    expect((await signInAttempt('alice', 'alice-password')).status).toBe(429);
  });
});
