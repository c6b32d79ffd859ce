/** Every operation of the contract, by its key. */
import { ADMIN_TOKEN_OPERATIONS } from './admin-tokens';
import { AUDIT_OPERATIONS } from './audit';
import { FAILURE_OPERATIONS } from './failures';
import { SETTINGS_OPERATIONS } from './settings';
import { TOKEN_OPERATIONS } from './tokens';
import type { OperationTable } from './types';
import { USER_OPERATIONS } from './users';

export const OPERATIONS: OperationTable = {
  ...USER_OPERATIONS,
  ...TOKEN_OPERATIONS,
  ...ADMIN_TOKEN_OPERATIONS,
  ...SETTINGS_OPERATIONS,
  ...AUDIT_OPERATIONS,
  ...FAILURE_OPERATIONS,
};

export type { AppServices, OperationContext, OperationDef, OperationTable } from './types';
