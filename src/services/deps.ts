/** What every service is built from: the ports, the clock, the logger and the settings service. */
import type { FailurePolicy } from '../core/failed-attempts';
import type { User } from '../core/types';
import type { Clock, Directory, Logger, Stores } from '../ports';
import type { SettingsService } from './settings';

export interface ServiceDeps {
  stores: Stores;
  directory: Directory;
  clock: Clock;
  logger: Logger;
  settings: SettingsService;
  failurePolicy: FailurePolicy;
}

/** Who asks for a change, and from which address (recorded in the audit log). */
export interface Actor {
  user: User;
  ip: string | null;
}
