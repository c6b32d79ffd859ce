/**
 * The app as each Forge installation sees it: @forge/kvs stores (on Confluence, also published
 * to Confluence's audit log), the product's directory, no password check (credentials that
 * are not tokens go to the site unchanged), the gateway's upstream, and a logger.
 *
 * One function instance may serve several installations in turn, and every cache the app keeps
 * (settings, users, failed-attempt windows) belongs to one installation: so there is one app
 * per installation context, never one per instance.
 */
import { createApp, type App } from '../../app/app';
import type { Logger, Upstream } from '../../ports';
import { createLogger } from '../local/logger';
import { ConfluenceAuditSink, withConfluenceAudit } from './confluence-audit';
import { ForgeDirectory } from './directory';
import { ForgeUpstream } from './forge-upstream';
import { productOf, type Product } from './product-api';
import { createKvsStores } from './stores';

export interface ForgeRuntime {
  product: Product;
  app: App;
  upstream: Upstream;
  logger: Logger;
}

const MAX_INSTALLATIONS = 50;
const runtimes = new Map<string, ForgeRuntime>();

/** The environment variable that quiets the logs: `silent`, `error`, `warn` or `info` (default). */
export const LOG_LEVEL_VARIABLE = 'FORGE_LOG_LEVEL';
const LOG_LEVELS = ['silent', 'error', 'warn', 'info'] as const;

/** One line per event on standard output, which Forge keeps as the app's logs. */
export function forgeLogger(): Logger {
  const wanted = process.env[LOG_LEVEL_VARIABLE];
  const level = LOG_LEVELS.find((candidate) => candidate === wanted) ?? 'info';
  return createLogger({ level, write: (line) => void process.stdout.write(line) });
}

function buildRuntime(product: Product): ForgeRuntime {
  const logger = forgeLogger();
  const kvsStores = createKvsStores();
  const stores =
    product === 'confluence'
      ? withConfluenceAudit(kvsStores, new ConfluenceAuditSink(logger))
      : kvsStores;
  const app = createApp({
    stores,
    directory: new ForgeDirectory({ product, logger }),
    passwords: null,
    clock: { now: () => Date.now() },
    logger,
  });
  return { product, app, upstream: new ForgeUpstream(product), logger };
}

/** The runtime of the installation `installContext` names, or null when it names none. */
export function runtimeFor(installContext: unknown): ForgeRuntime | null {
  const product = productOf(installContext);
  if (product === null || typeof installContext !== 'string') {
    return null;
  }
  let runtime = runtimes.get(installContext);
  if (runtime === undefined) {
    runtime = buildRuntime(product);
    runtimes.set(installContext, runtime);
    if (runtimes.size > MAX_INSTALLATIONS) {
      const oldest = runtimes.keys().next();
      if (oldest.done !== true) {
        runtimes.delete(oldest.value);
      }
    }
  }
  return runtime;
}

/** Forgets every installation's runtime (tests start each case from a cold instance). */
export function resetRuntimes(): void {
  runtimes.clear();
}
