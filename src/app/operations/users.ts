/** The caller themself, and the user search administrators pick people with. */
import { z } from 'zod';
import { canCreateTokens } from '../../core/permissions';
import { allowedValidities } from '../../core/validity';
import { succeed } from '../../services/result';
import { searchUsers, toUserSummary } from '../../services/users';
import type { OperationTable } from './types';
import { NO_INPUT, parserOf } from './types';

export const USER_OPERATIONS: Pick<OperationTable, 'getMe' | 'searchUsers'> = {
  getMe: {
    access: 'any',
    successStatus: 200,
    parse: parserOf(NO_INPUT),
    async run({ services, actor, caller }) {
      const { settings } = await services.settings.current();
      return succeed({
        ...toUserSummary(actor.user),
        isAdmin: actor.user.isAdmin,
        canCreateTokens: canCreateTokens(actor.user, settings),
        validityOptions: allowedValidities(settings.maxValidity),
        maxValidity: settings.maxValidity,
        clientIp: caller.clientIp,
        adminsOnlyCreate: settings.adminsOnlyCreate,
      });
    },
  },
  searchUsers: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(z.strictObject({ query: z.string().max(100) })),
    run: async ({ services }, input) =>
      succeed({ users: await searchUsers(services.directory, input.query) }),
  },
};
