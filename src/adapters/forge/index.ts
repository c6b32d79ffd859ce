/**
 * The Forge functions manifest.yml names: `resolver` (the pages' operations), `webtrigger`
 * (REST API and gateway) and `housekeeping` (the daily scheduled trigger). Each finds the app
 * of the installation it was invoked for.
 */
import type { WebTriggerContext, WebTriggerResponse } from '@forge/api';

import { runtimeFor } from './forge-runtime';
import { defineResolvers, type AppLookup } from './resolvers';
import { runScheduledHousekeeping, scheduledResponse } from './scheduled';
import { handleWebTrigger } from './webtrigger';
import type { ForgeWebRequest } from './webtrigger-http';

const appFor: AppLookup = (installContext) => runtimeFor(installContext)?.app ?? null;

/** Resolver functions, one per operation. */
export const resolver = defineResolvers(appFor).getDefinitions();

/** The web trigger: REST API, /healthz and gateway, with a dynamic response. */
export function webtrigger(
  request: ForgeWebRequest,
  context: WebTriggerContext,
): Promise<WebTriggerResponse> {
  return handleWebTrigger(request, context);
}

/** The daily scheduled trigger: housekeeping of this installation. */
export async function housekeeping(
  _event: unknown,
  context: { installContext?: unknown },
): Promise<{ statusCode: number; body: string }> {
  return scheduledResponse(await runScheduledHousekeeping(context, appFor));
}
