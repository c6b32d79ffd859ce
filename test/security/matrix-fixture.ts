/** The starting state of each authorization-matrix case: every role's credential and alice's target token. */
import type { Role, MatrixFixture } from '../support/role-matrix';
import { FIXED_NOW } from '../support/factories';
import { basic } from './http';
import type { World } from './world';

export interface MatrixSetup {
  fixture: MatrixFixture;
  /** The Authorization header each role sends (none for anonymous). */
  credentials: Record<Role, string | undefined>;
}

/** Eight months before the fixed now: a 6-month token made then has expired. */
const EIGHT_MONTHS_AGO = FIXED_NOW - 243 * 86_400_000;

/** Makes every role's token and a fresh target token of alice in `world`. */
export async function setUpMatrix(world: World): Promise<MatrixSetup> {
  world.clock.set(EIGHT_MONTHS_AGO);
  const expired = await world.token('alice', { name: 'Expired', validity: '6m' });
  world.clock.set(FIXED_NOW);

  const user = await world.token('alice', { name: 'Alice main' });
  const readOnly = await world.token('alice', { name: 'Alice read-only', scope: 'read-only' });
  const other = await world.token('bob', { name: 'Bob main' });
  const admin = await world.token('admin', { name: 'Admin main' });
  const target = await world.token('alice', { name: 'Target' });

  return {
    fixture: {
      targetTokenId: target.id,
      targetUser: 'alice',
      settings: await world.stores.settings.get(),
    },
    credentials: {
      anonymous: undefined,
      user: basic('alice', user.token),
      otherUser: basic('bob', other.token),
      admin: basic('admin', admin.token),
      expiredToken: basic('alice', expired.token),
      readOnlyToken: basic('alice', readOnly.token),
    },
  };
}

/** What a refused request must leave exactly as it was: tokens (not their last use), audit, settings. */
export async function snapshot(world: World): Promise<string> {
  const page = await world.stores.tokens.listAll({ limit: 1000 });
  const tokens = page.items.map(({ id, name, ownerId, scope, expiresAt }) => ({
    id,
    name,
    ownerId,
    scope,
    expiresAt,
  }));
  const audit = await world.stores.audit.list({ limit: 1000 });
  const settings = await world.stores.settings.get();
  return JSON.stringify({ tokens, audit: audit.items.map((record) => record.id), settings });
}
