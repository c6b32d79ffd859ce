import { isLocalRuntime, localTransport, LOCAL_BRIDGE_PATH } from './transport';

function answer(body: unknown, status = 200): Response {
  return { status, json: async () => body } as Response;
}

test('posts the function key and payload to the bridge with the session’s CSRF token', async () => {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const call = localTransport({
    csrfToken: 'csrf-123',
    fetchFn: async (url, init) => {
      requests.push({ url: String(url), init });
      return answer({ ok: true, status: 200, data: { tokens: [] } });
    },
  });

  const result = await call('listTokens', { user: 'alice' });

  expect(result).toEqual({ ok: true, status: 200, data: { tokens: [] } });
  expect(requests).toHaveLength(1);
  expect(requests[0]?.url).toBe(LOCAL_BRIDGE_PATH);
  expect(requests[0]?.init?.method).toBe('POST');
  expect(requests[0]?.init?.headers).toEqual({
    'content-type': 'application/json',
    'x-csrf-token': 'csrf-123',
  });
  expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({
    functionKey: 'listTokens',
    payload: { user: 'alice' },
  });
});

test('passes a refusal through as it came, whatever the HTTP status', async () => {
  const refusal = {
    ok: false,
    status: 401,
    error: { code: 'AUTH_REQUIRED', message: 'Sign in again.', requestId: 'r1' },
  };
  const call = localTransport({ csrfToken: 'x', fetchFn: async () => answer(refusal, 401) });

  expect(await call('getMe', {})).toEqual(refusal);
});

test('turns an answer that is not an operation result, or no answer, into UNAVAILABLE', async () => {
  const odd = localTransport({
    csrfToken: 'x',
    fetchFn: async () => answer({ code: 'NOT_FOUND' }, 404),
  });
  const down = localTransport({
    csrfToken: 'x',
    fetchFn: async () => {
      throw new TypeError('Failed to fetch');
    },
  });

  const oddResult = await odd('getMe', {});
  const downResult = await down('getMe', {});
  expect(oddResult.ok === false && oddResult.error.code).toBe('UNAVAILABLE');
  expect(downResult.ok === false && downResult.error.code).toBe('UNAVAILABLE');
});

test('recognises a page served by the local runtime by its meta tag', () => {
  expect(isLocalRuntime(document)).toBe(false);
  const meta = document.createElement('meta');
  meta.name = 'runtime';
  meta.content = 'local';
  document.head.append(meta);

  expect(isLocalRuntime(document)).toBe(true);
  meta.remove();
});
