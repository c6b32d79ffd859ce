/**
 * openapi.yaml is a valid OpenAPI 3.1 document and describes exactly the routes the server
 * registers under /api/v1 and /healthz, with each operation's success status.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { OPERATIONS } from '../../src/app/operations';
import { REST_ROUTES } from '../../src/app/rest-routes';
import { registeredRoutes } from '../../src/adapters/local/server';
import { startTestServer, type TestServer } from '../support/server';

const SPEC_FILE = path.resolve(__dirname, '../../openapi.yaml');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const CHECKED_PREFIXES = ['/api/v1/', '/healthz'];

interface Operation {
  operationId?: string;
  responses: Record<string, unknown>;
}
type Spec = { paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>> };

/**
 * Validates with @apidevtools/swagger-parser in a child Node process: the parser loads an ES
 * module by require(), which Node 20 does and jest's module loader does not.
 */
async function validateSpec(file: string): Promise<Spec> {
  const script = `require('@apidevtools/swagger-parser').validate(process.argv[1]).then(
    (api) => process.stdout.write(JSON.stringify(api)),
    (error) => { process.stderr.write(error.message); process.exit(1); })`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, file], {
    cwd: path.dirname(file),
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Spec;
}

let spec: Spec;
let server: TestServer | undefined;

beforeAll(async () => {
  server = await startTestServer();
  spec = await validateSpec(SPEC_FILE);
});
afterAll(async () => {
  await server?.close();
});

function documented(): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation !== undefined && CHECKED_PREFIXES.some((prefix) => route.startsWith(prefix))) {
        operations.set(`${method.toUpperCase()} ${route}`, operation);
      }
    }
  }
  return operations;
}

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    expect((spec as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('documents every route the server registers under /api/v1 and /healthz, and no other', () => {
    const registered = registeredRoutes((server as TestServer).runtime.server)
      .filter((route) => route.method !== 'HEAD')
      .filter((route) => CHECKED_PREFIXES.some((prefix) => route.url.startsWith(prefix)))
      .map((route) => `${route.method} ${route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect([...new Set(registered)].sort()).toEqual([...documented().keys()].sort());
  });

  it('names each REST operation as the app does and documents its success status', () => {
    const operations = documented();
    for (const route of REST_ROUTES) {
      const operation = operations.get(`${route.method} ${route.path}`);
      expect([route.path, operation?.operationId]).toEqual([route.path, route.operation]);
      const success = String(OPERATIONS[route.operation].successStatus);
      expect([route.path, Object.keys(operation?.responses ?? {})]).toEqual([
        route.path,
        expect.arrayContaining([success, '401', '403', '429', '503']),
      ]);
    }
  });

  it('documents 400 wherever an operation takes input', () => {
    const operations = documented();
    for (const route of REST_ROUTES.filter(
      (candidate) => candidate.input !== 'none' || candidate.params,
    )) {
      const responses = operations.get(`${route.method} ${route.path}`)?.responses ?? {};
      expect([route.method, route.path, '400' in responses]).toEqual([
        route.method,
        route.path,
        true,
      ]);
    }
  });
});
