/** Administrators' token operations: every token, and deleting all tokens of a user. */
import { z } from 'zod';
import { listAllTokens } from '../../services/token-overview';
import { ADMIN_TOKENS_MAX_LIMIT } from '../../services/token-overview';
import type { OperationTable } from './types';
import { parserOf, queryInt, USER_REF } from './types';

/** Filters reach at most ten years ahead or back. */
const MAX_DAYS = 3660;

export const ADMIN_TOKEN_OPERATIONS: Pick<OperationTable, 'listAllTokens' | 'deleteUserTokens'> = {
  listAllTokens: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(
      z.strictObject({
        user: USER_REF.optional(),
        expiringWithinDays: queryInt(0, MAX_DAYS).optional(),
        unusedForDays: queryInt(0, MAX_DAYS).optional(),
        limit: queryInt(1, ADMIN_TOKENS_MAX_LIMIT).optional(),
        cursor: z.string().min(1).max(500).optional(),
      }),
    ),
    run: ({ services }, input) => listAllTokens(services, input),
  },
  deleteUserTokens: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(z.strictObject({ user: USER_REF })),
    run: ({ services, actor }, input) => services.tokens.revokeAll(actor, input.user),
  },
};
