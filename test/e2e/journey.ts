/**
 * The setup both browser journeys share: a real local runtime, Chromium signed in as one user
 * on a start page, and a check after each test that the page logged no console error.
 */
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { openBrowser, signIn, type Browser } from './browser';

/** What a journey's tests drive: the signed-in page and the server's base URL. */
export interface Journey {
  readonly page: Page;
  readonly base: string;
}

/** Registers beforeAll/afterAll/afterEach for a journey of `user` starting on `startPath`. */
export function useBrowserJourney(
  user: { username: string; password: string },
  startPath: string,
): Journey {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser({ baseUrl: server.baseUrl });
    await signIn(browser.page, server.baseUrl, user, startPath);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(started(browser).errors).toEqual([]);
  });

  return {
    get page(): Page {
      return started(browser).page;
    },
    get base(): string {
      return started(server).baseUrl;
    },
  };
}

function started<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new Error('the journey has not started: use it inside a test');
  }
  return value;
}
