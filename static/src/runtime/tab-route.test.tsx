import { act, renderHook } from '@testing-library/react';
import { useTabRoute } from './tab-route';

const FRAGMENTS = ['settings', 'tokens', 'permissions', 'audit'] as const;

interface ProductPage extends EventTarget {
  location: { origin: string; hash: string };
  history: { replaceState: jest.Mock };
}

/** The local product page (/jira/admin) that frames the admin page, at the same origin. */
function framedBy(hash: string): ProductPage {
  const page: ProductPage = Object.assign(new EventTarget(), {
    location: { origin: window.location.origin, hash },
    history: { replaceState: jest.fn() },
  });
  Object.defineProperty(window, 'parent', { configurable: true, get: () => page });
  return page;
}

function markLocalRuntime(): void {
  const meta = document.createElement('meta');
  meta.name = 'runtime';
  meta.content = 'local';
  document.head.append(meta);
}

describe('admin tabs and the address, locally', () => {
  const ownParent = Object.getOwnPropertyDescriptor(window, 'parent');

  beforeEach(() => {
    markLocalRuntime();
    window.history.replaceState(null, '', '/app/admin/');
  });

  afterEach(() => {
    document.head.innerHTML = '';
    if (ownParent) {
      Object.defineProperty(window, 'parent', ownParent);
    }
  });

  it('opens the tab the product page address names (/jira/admin#tokens), not the frame’s own', () => {
    framedBy('#tokens');

    const { result } = renderHook(() => useTabRoute(FRAGMENTS));

    expect(result.current[0]).toBe(1);
  });

  it('writes the selected tab into the product page address, so a reload or a link keeps it', () => {
    const page = framedBy('');
    const { result } = renderHook(() => useTabRoute(FRAGMENTS));

    act(() => result.current[1](3));

    expect(result.current[0]).toBe(3);
    expect(page.history.replaceState).toHaveBeenCalledWith(null, '', '#audit');
    expect(window.location.hash).toBe('');
  });

  it('follows the product page address when the person edits its fragment', () => {
    const page = framedBy('#settings');
    const { result } = renderHook(() => useTabRoute(FRAGMENTS));

    page.location.hash = '#permissions';
    act(() => {
      page.dispatchEvent(new Event('hashchange'));
    });

    expect(result.current[0]).toBe(2);
  });

  it('uses its own address when it is not framed', () => {
    window.history.replaceState(null, '', '/app/admin/#permissions');

    const { result } = renderHook(() => useTabRoute(FRAGMENTS));
    act(() => result.current[1](1));

    expect(result.current[0]).toBe(1);
    expect(window.location.hash).toBe('#tokens');
  });
});
