/** The admin token overview's "expiring within days" filter counts the effective expiry. */
import type { AdminTokenRow } from '../../src/app/contract';
import { DAY_MS } from '../support/factories';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function expiringWithin(days: number): Promise<AdminTokenRow[]> {
  const result = await h.run('admin', 'listAllTokens', { expiringWithinDays: String(days) });
  if (!result.ok) {
    throw new Error(`listAllTokens refused: ${result.error.code}`);
  }
  return (result.data as { tokens: AdminTokenRow[] }).tokens;
}

describe('admin token overview: expiring within days', () => {
  it('lists a token that a lowered maximum validity shortened, with its effective expiry', async () => {
    const shortened = await h.token('alice', { name: 'old', validity: 'never' });
    h.clock.advance(160 * DAY_MS);
    await h.token('alice', { name: 'recent', validity: 'never' });
    await h.configure({ maxValidity: '6m' });

    const expiring = await expiringWithin(30);

    expect(expiring.map((token) => token.name)).toEqual(['old']);
    expect(expiring[0]).toMatchObject({ id: shortened.id, expiresAt: '2025-12-01T12:00:00.000Z' });
  });

  it('lists no never-expiring token while the maximum validity is never', async () => {
    await h.token('alice', { name: 'forever', validity: 'never' });
    h.clock.advance(400 * DAY_MS);

    expect(await expiringWithin(30)).toEqual([]);
  });
});
