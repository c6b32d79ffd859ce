/** System-wide settings: read, save (validated by the core, versioned), and the IP check. */
import { z } from 'zod';
import { validateSettings } from '../../core/settings';
import { succeed } from '../../services/result';
import type { OperationTable, Parsed } from './types';
import { NO_INPUT, parserOf } from './types';
import type { Settings } from '../../core/types';

function parseSettings(input: unknown): Parsed<Settings> {
  const result = validateSettings(input);
  return result.ok ? { ok: true, value: result.value } : { ok: false, errors: result.errors };
}

export const SETTINGS_OPERATIONS: Pick<OperationTable, 'getSettings' | 'saveSettings' | 'checkIp'> =
  {
    getSettings: {
      access: 'admin',
      successStatus: 200,
      parse: parserOf(NO_INPUT),
      run: async ({ services }) => succeed(await services.settings.read()),
    },
    saveSettings: {
      access: 'admin',
      successStatus: 200,
      parse: parseSettings,
      run: ({ services, actor }, input) =>
        services.settings.save({ next: input, actorId: actor.user.accountId, actorIp: actor.ip }),
    },
    checkIp: {
      access: 'admin',
      successStatus: 200,
      parse: parserOf(z.strictObject({ ip: z.string().min(1).max(100) })),
      run: ({ services }, input) => services.settings.checkIp(input.ip),
    },
  };
