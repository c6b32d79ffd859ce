/**
 * Placeholder for the local pages (launcher, sign-in, admin and token pages, bridge endpoint):
 * registers nothing until the pages plugin replaces this file with the same export.
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../../app/app';
import type { Directory, Logger, PasswordVerifier } from '../../ports';

export interface PagesOptions {
  app: App;
  passwords: PasswordVerifier;
  directory: Directory;
  dataDir: string;
  logger: Logger;
}

/** Registers the local pages on `server` (nothing yet). */
export async function registerPages(
  _server: FastifyInstance,
  _options: PagesOptions,
): Promise<void> {}
