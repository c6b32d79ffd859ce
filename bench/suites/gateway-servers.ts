/**
 * Worker thread of the gateway benchmark: the local gateway (the real server, SQLite store with
 * many tokens, token authentication) and a bare proxy (same Fastify and undici forwarding to
 * the same upstream, no authentication), both on loopback ports. Asked 'busy', it answers how
 * long its event loop has been active (ms), so each run can tell its server's cost per request.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

import Fastify, { type FastifyInstance } from 'fastify';

import { openSqliteStores } from '../../src/adapters/local/sqlite';
import { buildServer } from '../../src/adapters/local/server';
import { createHttpUpstream, type HttpUpstream } from '../../src/adapters/local/upstream';
import { createApp } from '../../src/app/app';
import { fillTokens } from '../lib/fill';
import { basicAuthorization, benchUsers, memoryDirectory, SILENT_LOGGER } from '../lib/fixtures';
import { seededRandom } from '../lib/random';

export interface ServersWorkerData {
  upstreamUrl: string;
  dataDir: string;
  /** Tokens in the gateway's store; the first one is presented. */
  storedTokens: number;
}

export interface ServersReady {
  gatewayUrl: string;
  bareUrl: string;
  /** Basic credentials of a valid token for the gateway. */
  authorization: string;
}

const IDENTITY_HEADER = 'x-forwarded-user';

async function startGateway(
  data: ServersWorkerData,
  upstream: HttpUpstream,
): Promise<{
  server: FastifyInstance;
  authorization: string;
  close(): void;
}> {
  const users = benchUsers(100);
  const file = join(data.dataDir, 'gateway.sqlite');
  const owners = users.slice(0, 100);
  const [token] = fillTokens({
    file,
    tokens: data.storedTokens,
    owners,
    usable: 1,
    random: seededRandom(3),
  });
  if (token === undefined) {
    throw new Error('no usable token was filled');
  }
  const stores = openSqliteStores({ file });
  const directory = memoryDirectory(users);
  const app = createApp({
    stores,
    directory,
    passwords: null,
    clock: { now: () => Date.now() },
    logger: SILENT_LOGGER,
  });
  const server = await buildServer(
    { dataDir: data.dataDir },
    {
      app,
      directory,
      passwords: { verifyPassword: async () => null },
      upstream,
      logger: SILENT_LOGGER,
    },
  );
  const authorization = basicAuthorization(token.owner.username, token.secret);
  return { server, authorization, close: () => stores.close() };
}

/** A proxy with the gateway's framework, body handling and upstream adapter, minus authentication. */
async function startBareProxy(upstream: HttpUpstream): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  server.all('/rest/*', async (request, reply) => {
    const headers = { ...request.headers };
    const body = Buffer.isBuffer(request.body) ? request.body : null;
    const response = await upstream.forward(
      { method: request.method, url: request.url, headers, body },
      null,
    );
    return reply.code(response.status).headers(response.headers).send(response.body);
  });
  await server.ready();
  return server;
}

async function main(port: NonNullable<typeof parentPort>): Promise<void> {
  const data = workerData as ServersWorkerData;
  const upstreamOptions = { baseUrl: new URL(data.upstreamUrl), identityHeader: IDENTITY_HEADER };
  const gatewayUpstream = createHttpUpstream(upstreamOptions);
  const bareUpstream = createHttpUpstream(upstreamOptions);
  const gateway = await startGateway(data, gatewayUpstream);
  const bare = await startBareProxy(bareUpstream);
  const gatewayUrl = await gateway.server.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  port.on('message', (message: unknown) => {
    if (message === 'busy') {
      port.postMessage(performance.eventLoopUtilization().active);
      return;
    }
    void (async (): Promise<void> => {
      await Promise.all([gateway.server.close(), bare.close()]);
      await Promise.all([gatewayUpstream.close(), bareUpstream.close()]);
      gateway.close();
      port.postMessage('closed');
    })();
  });
  const ready: ServersReady = { gatewayUrl, bareUrl, authorization: gateway.authorization };
  port.postMessage(ready);
}

if (parentPort !== null) {
  void main(parentPort);
}
