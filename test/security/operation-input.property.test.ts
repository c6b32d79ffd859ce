/**
 * Property (fast-check, bounded): no payload to any operation, from any caller (as the Forge
 * resolvers and the local bridge pass them), makes it throw or answer 5xx.
 */
import fc from 'fast-check';
import type { OperationKey } from '../../src/app/contract';
import { OPERATIONS } from '../../src/app/operations';
import { DEFAULT_SETTINGS } from '../../src/core/types';
import { jsonish } from './hostile-input';
import { callerOf, startWorld, type World } from './world';

const OPERATION_RUNS = { numRuns: 60, interruptAfterTimeLimit: 5_000 };

let world: World;

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
