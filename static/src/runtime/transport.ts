/**
 * Chooses how the page reaches the app. The local server marks the pages it serves with
 * `<meta name="runtime" content="local">` and a CSRF token bound to the session; anything else
 * runs inside an Atlassian product and calls the Forge resolvers through @forge/bridge.
 */
import type { ErrorBody, OperationKey, OperationResult } from '../../../src/app/contract';
import type { Call, OperationInput, OperationOutput } from '../shared/operations';

/** Where the local server answers operations for the signed-in user. */
export const LOCAL_BRIDGE_PATH = '/bridge/invoke';
/** The header that carries the session's CSRF token to the local bridge endpoint. */
export const CSRF_HEADER = 'x-csrf-token';

/** True when the page was served by the local runtime rather than by Forge. */
export function isLocalRuntime(doc: Document): boolean {
  return metaContent(doc, 'runtime') === 'local';
}

/** The transport for this page: the local bridge endpoint or Forge's invoke. */
export function chooseTransport(doc: Document): Call {
  if (isLocalRuntime(doc)) {
    return localTransport({
      csrfToken: metaContent(doc, 'csrf-token') ?? '',
      fetchFn: (input, init) => fetch(input, init),
    });
  }
  return forgeTransport;
}

/** Posts `{functionKey, payload}` to the local bridge endpoint with the session's CSRF token. */
export function localTransport(options: { csrfToken: string; fetchFn: typeof fetch }): Call {
  return async function send<K extends OperationKey>(
    key: K,
    payload: OperationInput<K>,
  ): Promise<OperationResult<OperationOutput<K>>> {
    try {
      const response = await options.fetchFn(LOCAL_BRIDGE_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: options.csrfToken },
        body: JSON.stringify({ functionKey: key, payload }),
      });
      const body: unknown = await response.json();
      return isOperationResult<OperationOutput<K>>(body) ? body : unreachable(response.status);
    } catch {
      return unreachable(0);
    }
  };
}

/** Calls the Forge resolver of the same function key; each resolver returns the OperationResult. */
async function forgeTransport<K extends OperationKey>(
  key: K,
  payload: OperationInput<K>,
): Promise<OperationResult<OperationOutput<K>>> {
  try {
    const { invoke } = await loadForgeBridge();
    const body: unknown = await invoke(key, payload);
    return isOperationResult<OperationOutput<K>>(body) ? body : unreachable(0);
  } catch {
    return unreachable(0);
  }
}

/**
 * @forge/bridge connects to the product as it loads (and throws outside one), so it is loaded
 * only when the page runs under Forge, as a separate file of the same page folder.
 */
export function loadForgeBridge(): Promise<typeof import('@forge/bridge')> {
  forgeBridge ??= import('@forge/bridge');
  return forgeBridge;
}

let forgeBridge: Promise<typeof import('@forge/bridge')> | undefined;

function metaContent(doc: Document, name: string): string | null {
  return doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
}

/** Narrows an untrusted answer to the OperationResult shape. */
export function isOperationResult<T>(body: unknown): body is OperationResult<T> {
  if (typeof body !== 'object' || body === null || !('ok' in body) || !('status' in body)) {
    return false;
  }
  return body.ok === true ? 'data' in body : body.ok === false && 'error' in body;
}

function unreachable(status: number): OperationResult<never> {
  const error: ErrorBody = {
    code: 'UNAVAILABLE',
    message: 'The app could not be reached. Check your connection and try again.',
    requestId: '',
  };
  return { ok: false, status, error };
}
