/** The caller's own tokens (or, for admins, anyone's): list, create, rename, rotate, delete. */
import { z } from 'zod';
import { TOKEN_SCOPES, VALIDITY_OPTIONS } from '../../core/types';
import { succeed } from '../../services/result';
import type { OperationTable } from './types';
import { parserOf, USER_REF } from './types';

const TOKEN_ID = z.string().trim().min(1).max(100);
/** Trimmed and limited to 100 characters by the service; this only bounds the payload. */
const TOKEN_NAME = z.string().max(1000);

const VALIDITY = z.enum(VALIDITY_OPTIONS, {
  error: `must be one of: ${VALIDITY_OPTIONS.join(', ')}`,
});

export const TOKEN_OPERATIONS: Pick<
  OperationTable,
  'listTokens' | 'createToken' | 'renameToken' | 'rotateToken' | 'deleteToken'
> = {
  listTokens: {
    access: 'any',
    successStatus: 200,
    parse: parserOf(z.strictObject({ user: USER_REF.optional() })),
    async run({ services, actor }, input) {
      const tokens = await services.tokens.list(actor, input.user);
      return tokens.ok ? succeed({ tokens: tokens.value }) : tokens;
    },
  },
  createToken: {
    access: 'any',
    successStatus: 201,
    parse: parserOf(
      z.strictObject({
        name: TOKEN_NAME,
        validity: VALIDITY,
        scope: z.enum(TOKEN_SCOPES).optional(),
        user: USER_REF.optional(),
      }),
    ),
    run: ({ services, actor }, input) => services.tokens.create(actor, input),
  },
  renameToken: {
    access: 'any',
    successStatus: 200,
    parse: parserOf(z.strictObject({ id: TOKEN_ID, name: TOKEN_NAME })),
    run: ({ services, actor }, input) => services.tokens.rename(actor, input.id, input.name),
  },
  rotateToken: {
    access: 'any',
    successStatus: 201,
    parse: parserOf(z.strictObject({ id: TOKEN_ID })),
    run: ({ services, actor }, input) => services.tokens.rotate(actor, input.id),
  },
  deleteToken: {
    access: 'any',
    successStatus: 204,
    parse: parserOf(z.strictObject({ id: TOKEN_ID })),
    run: ({ services, actor }, input) => services.tokens.revoke(actor, input.id),
  },
};
