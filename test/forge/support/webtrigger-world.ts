/**
 * Shared setup of the web-trigger tests: a fixed clock, the client-IP header named in the
 * environment and a fresh installation before each test, all undone after it. The
 * `jest.mock` calls stay in each test file, where jest hoists them.
 */
import { CLIENT_IP_HEADER_VARIABLE } from '../../../src/adapters/forge/webtrigger-http';
import { FIXED_NOW } from '../../support/factories';
import { freshInstallation } from './forge-harness';

/** The product path the web-trigger tests call. */
export const MYSELF = '/rest/api/3/myself';
/** The address the calls come from unless a test says otherwise. */
export const CLIENT = ['198.51.100.7'];

/** Request headers of a call from `ip`, with `authorization` when given. */
export function fromClient(
  authorization: string[] | undefined,
  ip: string[] = CLIENT,
): Record<string, string[]> {
  return { 'X-Forwarded-For': ip, ...(authorization ? { Authorization: authorization } : {}) };
}

/** Registers the beforeEach/afterEach pair every web-trigger test runs under. */
export function useWebTriggerWorld(): void {
  beforeEach(() => {
    jest.useFakeTimers({
      now: FIXED_NOW,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
    });
    process.env[CLIENT_IP_HEADER_VARIABLE] = 'x-forwarded-for';
    freshInstallation();
  });

  afterEach(() => {
    jest.useRealTimers();
    delete process.env[CLIENT_IP_HEADER_VARIABLE];
  });
}
