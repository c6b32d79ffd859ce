/** Paths the router refuses before any route runs must still get the error body and headers. */
import { isErrorBody, MAX_PARAM_CHARS } from './hostile-input';
import { basic, rawRequest } from './http';
import { startWorld, type World } from './world';

let world: World;

describe('a path the router itself refuses', () => {
  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => world.close());

  it.each([
    ['an over-long parameter', `/api/v1/users/${'x'.repeat(MAX_PARAM_CHARS + 1)}/failures`],
    ['broken percent-encoding (API)', '/api/v1/tokens/%E0%A4%A'],
    ['broken percent-encoding (gateway)', '/rest/api/2/%E0%A4%A'],
  ])('is answered with the error body and the usual headers: %s', async (_, path) => {
    const reply = await rawRequest(world.baseUrl, [
      `GET ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: ${basic('admin', 'admin-password')}`,
    ]);
    expect(reply.status).toBeLessThan(500);
    expect(isErrorBody(reply.text)).toBe(true);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
