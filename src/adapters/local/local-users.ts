/**
 * Start-up of the data directory and the users: the directory is created (0700) when absent,
 * demo users are written on first start without USERS_FILE, and the users file is read and
 * validated. Each failure is a StartupError whose one line names the setting to fix.
 */
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../ports';
import type { LocalConfig } from './config';
import { DEMO_CREDENTIALS_FILE, ensureDemoUsers } from './demo-users';
import type { ScryptParams } from './password-hash';
import { createUsersDirectory, type UsersDirectory } from './users-directory';
import { readUsersFile } from './users-file';

/** Start-up failed for a reason the person starting the app can fix; the message is one line. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface LocalUsers {
  directory: UsersDirectory;
  usersFile: string;
  /** The demo credentials file when the demo users are in use and it exists, else null. */
  credentialsFile: string | null;
}

/** Prepares DATA_DIR and loads the users (demo users unless USERS_FILE). Throws StartupError. */
export async function loadLocalUsers(
  config: Pick<LocalConfig, 'dataDir' | 'usersFile'>,
  options: { logger: Logger; scrypt?: ScryptParams },
): Promise<LocalUsers> {
  await prepareDataDir(config.dataDir);
  const usersFile = config.usersFile ?? (await demoUsersFile(config.dataDir, options));
  const label =
    config.usersFile === null
      ? `Invalid users file ${usersFile}`
      : `Invalid setting USERS_FILE: ${usersFile}`;
  const result = await readUsersFile(usersFile, {
    label,
    ...(options.scrypt && { scrypt: options.scrypt }),
  });
  if (!result.ok) {
    throw new StartupError(result.error);
  }

  const credentialsFile = path.join(config.dataDir, DEMO_CREDENTIALS_FILE);
  const hasCredentials = config.usersFile === null && (await exists(credentialsFile));
  return {
    directory: createUsersDirectory(result.users),
    usersFile,
    credentialsFile: hasCredentials ? credentialsFile : null,
  };
}

async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await access(dataDir, 2 /* W_OK */);
  } catch (error) {
    throw new StartupError(
      `Invalid setting DATA_DIR: ${dataDir} cannot be used (${codeOf(error)})`,
    );
  }
}

async function demoUsersFile(
  dataDir: string,
  options: { logger: Logger; scrypt?: ScryptParams },
): Promise<string> {
  try {
    const demo = await ensureDemoUsers(dataDir, options.scrypt ? { scrypt: options.scrypt } : {});
    if (demo.created) {
      options.logger.info('demo users created', { usersFile: demo.usersFile });
    }
    return demo.usersFile;
  } catch (error) {
    throw new StartupError(
      `Invalid setting DATA_DIR: demo users cannot be written to ${dataDir} (${codeOf(error)})`,
    );
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The error's system code (EACCES, EADDRINUSE…) or its message. */
export function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
