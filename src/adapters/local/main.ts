/**
 * `npm start`: reads the configuration, starts the local runtime, prints where the pages are
 * and where the demo credentials are, and stops cleanly on SIGINT or SIGTERM. A bad setting
 * prints one line naming it and exits with code 1.
 */
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startupBanner } from './banner';
import { startLocalRuntime, StartupError, type LocalRuntime } from './runtime';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(loaded.error);
    process.exit(1);
  }
  const logger = createLogger({ level: loaded.config.logLevel });

  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime(loaded.config, { logger });
  } catch (error) {
    console.error(
      error instanceof StartupError ? error.message : `Start-up failed: ${String(error)}`,
    );
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('stopping', { signal });
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Only now: whoever waits for this line may stop the server at once, and must get a clean stop.
  process.stdout.write(startupBanner(runtime));
}

void main();
