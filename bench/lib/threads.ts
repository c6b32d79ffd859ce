/** Worker threads for the load benchmark: each server gets a core of its own, like a real host. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A started worker and the first message it sent (its "ready" report). */
export interface StartedWorker<T> {
  worker: Worker;
  ready: T;
}

const START_TIMEOUT_MS = 60_000;

/** Starts `entry` (a file, or JS source with eval) and waits for its first message. */
export function startWorker<T>(entry: string, options: WorkerOptions): Promise<StartedWorker<T>> {
  const worker = new Worker(entry, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`worker did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    worker.once('message', (ready: T) => {
      clearTimeout(timer);
      resolve({ worker, ready });
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Asks the worker to close its servers, then ends it (at the latest after one second). */
export async function stopWorker(worker: Worker): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.once('exit', () => resolve());
    setTimeout(resolve, 1000).unref();
  });
  worker.postMessage('close');
  await closed;
  await worker.terminate();
}

/**
 * The upstream both proxies forward to: plain node:http answering every request with a small
 * JSON body (the size of Jira's /myself answer), as fast as this machine can.
 */
export const UPSTREAM_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const body = JSON.stringify({
  accountId: 'acc-u0', name: 'user0', displayName: 'Bench User 0',
  emailAddress: 'user0@bench.invalid', active: true, timeZone: 'UTC',
});
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => {
  server.close(() => parentPort.postMessage('closed'));
  server.closeAllConnections();
});
`;
