/**
 * Comparisons that could leak a secret through timing are constant-time: the CSRF token, the
 * session cookie's signature and password hashes go through crypto.timingSafeEqual, and no
 * source file compares a secret-named value with === or !==. Tokens themselves are never
 * compared: they are found by a keyed read of their SHA-256.
 */
import crypto from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashPassword, verifyPasswordHash } from '../../src/adapters/local/password-hash';
import { constantTimeEqual } from '../../src/core/token-format';
import { invoke, signIn } from './pages-session';
import { startWorld, type World } from './world';

const SOURCE_ROOT = path.join(__dirname, '../../src');
const SECRET_NAME = /csrf|secret|signature|password/i;
/** `a === b` or `a !== b` where neither side is a literal, null, undefined or a typeof. */
const COMPARISON = /([\w.$[\]'"]+)\s*[!=]==?\s*([\w.$[\]'"]+)/g;
const HARMLESS = /^(''|""|null|undefined|true|false|\d+|'[^']*'|"[^"]*")$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory()
        ? sourceFiles(full)
        : Promise.resolve(full.endsWith('.ts') ? [full] : []);
    }),
  );
  return nested.flat();
}

describe('no source file compares a secret with ===', () => {
  it('finds no such comparison under src/', async () => {
    const found: string[] = [];
    for (const file of await sourceFiles(SOURCE_ROOT)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(COMPARISON)) {
        const [whole, left = '', right = ''] = match;
        const risky =
          [left, right].some((side) => SECRET_NAME.test(side)) &&
          ![left, right].some((side) => HARMLESS.test(side));
        if (risky && !/typeof/.test(text.slice(Math.max(0, (match.index ?? 0) - 8), match.index))) {
          found.push(`${path.relative(SOURCE_ROOT, file)}: ${whole}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('crypto.timingSafeEqual', () => {
  let spy: jest.SpyInstance;
  let world: World | null = null;

  beforeEach(() => {
    spy = jest.spyOn(crypto, 'timingSafeEqual');
  });

  afterEach(async () => {
    spy.mockRestore();
    await world?.close();
    world = null;
  });

  it('checks the CSRF token of a bridge call', async () => {
    world = await startWorld();
    const { baseUrl } = world;
    const session = await signIn(baseUrl, 'alice', 'alice-password');
    spy.mockClear();
    const wrong = `${session.csrf.slice(0, -1)}${session.csrf.endsWith('A') ? 'B' : 'A'}`;

    const reply = await invoke(
      world.baseUrl,
      session,
      { functionKey: 'getMe' },
      { 'x-csrf-token': wrong },
    );

    expect(reply.status).toBe(403);
    const compared = spy.mock.calls.map(([a, b]) => [
      Buffer.from(a as Buffer).toString(),
      Buffer.from(b as Buffer).toString(),
    ]);
    expect(compared).toContainEqual([wrong, session.csrf]);
  });

  it("checks the session cookie's signature", async () => {
    world = await startWorld();
    const { baseUrl } = world;
    const session = await signIn(baseUrl, 'alice', 'alice-password');
    const [name, value = ''] = session.cookie.split('=');
    const forged = {
      ...session,
      cookie: `${name}=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`,
    };
    spy.mockClear();

    const reply = await invoke(baseUrl, forged, { functionKey: 'getMe' });

    expect(reply.status).toBe(401);
    expect(spy).toHaveBeenCalled();
  });

  it('checks a password against its scrypt hash', async () => {
    const hash = await hashPassword('right password', { cost: 1024, blockSize: 8, parallelism: 1 });
    spy.mockClear();
    expect(await verifyPasswordHash('wrong password', hash)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('backs constantTimeEqual, for strings of any length', () => {
    expect([
      constantTimeEqual('abc', 'abc'),
      constantTimeEqual('abc', 'abd'),
      constantTimeEqual('a', 'abc'),
    ]).toEqual([true, false, false]);
    expect(spy).toHaveBeenCalledTimes(3);
  });
});
