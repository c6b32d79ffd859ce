/** The audit log: a page of records, or all of them as CSV. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../core/types';
import { AUDIT_MAX_LIMIT, exportAuditCsv, listAudit } from '../../services/audit';
import { succeed } from '../../services/result';
import type { OperationTable } from './types';
import { parserOf, queryInt, USER_REF } from './types';

const FILTER = {
  actor: USER_REF.optional(),
  target: USER_REF.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
};

export const AUDIT_OPERATIONS: Pick<OperationTable, 'listAudit' | 'exportAuditCsv'> = {
  listAudit: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(
      z.strictObject({
        ...FILTER,
        limit: queryInt(1, AUDIT_MAX_LIMIT).optional(),
        cursor: z.string().min(1).max(500).optional(),
        // REST takes format=csv and format=json off before this; any other format lands here.
        format: z.literal('json', { error: 'must be csv or json' }).optional(),
      }),
    ),
    run: async ({ services }, input) => succeed(await listAudit(services, input)),
  },
  exportAuditCsv: {
    access: 'admin',
    successStatus: 200,
    parse: parserOf(z.strictObject(FILTER)),
    run: async ({ services }, input) => succeed({ csv: await exportAuditCsv(services, input) }),
  },
};
