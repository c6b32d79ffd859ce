/** Failed authentication attempts: the overview, one user's counts, and the reset. */
import { z } from 'zod';
import { getUserFailures, listFailures, resetUserFailures } from '../../services/failures';
import { succeed } from '../../services/result';
import type { OperationTable } from './types';
import { NO_INPUT, parserOf, USER_REF } from './types';

const USER_INPUT = z.strictObject({ user: USER_REF });

export const FAILURE_OPERATIONS: Pick<
  OperationTable,
  'listFailures' | 'getUserFailures' | 'resetUserFailures'
> = {
  listFailures: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(NO_INPUT),
    run: async ({ services }) => succeed(await listFailures(services)),
  },
  getUserFailures: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(USER_INPUT),
    run: ({ services }, input) => getUserFailures(services, input.user),
  },
  resetUserFailures: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(USER_INPUT),
    run: ({ services, actor }, input) => resetUserFailures(services, actor, input.user),
  },
};
