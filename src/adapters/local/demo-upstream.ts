/**
 * The built-in demo upstream: a tiny stand-in for the product's REST API that trusts the
 * identity header, as a product behind an authenticating proxy does. It answers "who am I"
 * the way Jira and Confluence do and 404 for anything else. It listens on a loopback port of
 * its own, never on HOST, so only this machine can reach it.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { User } from '../../core/types';
import type { Directory } from '../../ports';

export interface DemoUpstreamOptions {
  directory: Directory;
  /** Lower-case name of the identity header, e.g. x-forwarded-user. */
  identityHeader: string;
}

export interface RunningUpstream {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: URL;
  close(): Promise<void>;
}

const MYSELF_PATHS = ['/rest/api/2/myself', '/rest/api/3/myself', '/wiki/rest/api/user/current'];

/** The demo upstream's routes on a new Fastify instance (not listening yet). */
export function buildDemoUpstream(options: DemoUpstreamOptions): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 64 * 1024 });

  async function myself(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const user = await identifiedUser(request, options);
    if (user === null) {
      await reply.code(401).send({
        errorMessages: ['You are not authenticated. The identity header names no known user.'],
      });
      return;
    }
    await reply.send({
      accountId: user.accountId,
      name: user.username,
      displayName: user.displayName,
      emailAddress: user.email,
    });
  }

  for (const path of MYSELF_PATHS) {
    server.get(path, myself);
  }
  server.setNotFoundHandler(async (request, reply) => {
    await reply.code(404).send({
      errorMessages: [`The demo product has no resource at ${request.method} ${request.url}.`],
    });
  });
  return server;
}

async function identifiedUser(
  request: FastifyRequest,
  options: DemoUpstreamOptions,
): Promise<User | null> {
  const values = request.raw.headersDistinct[options.identityHeader];
  if (values === undefined || values.length !== 1 || values[0] === undefined) {
    return null;
  }
  const user = await options.directory.findUser(values[0]);
  const named = user !== null && user.username.toLowerCase() === values[0].toLowerCase();
  return named && user.active ? user : null;
}

/** Starts the demo upstream on 127.0.0.1 and an ephemeral port. */
export async function startDemoUpstream(options: DemoUpstreamOptions): Promise<RunningUpstream> {
  const server = buildDemoUpstream(options);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') {
    await server.close();
    throw new Error('The demo upstream did not get a TCP port.');
  }
  return {
    url: new URL(`http://127.0.0.1:${address.port}`),
    close: async () => {
      await server.close();
    },
  };
}
