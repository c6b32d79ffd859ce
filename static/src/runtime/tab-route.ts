/**
 * Keeps the selected admin tab and the address in step: locally the fragment (/jira/admin#tokens),
 * under Forge the admin page's route (Jira lists the app's pages by route: /settings, /tokens…),
 * so a link or the product's own page list opens the right tab.
 */
import { useCallback, useEffect, useState } from 'react';
import { isLocalRuntime, loadForgeBridge } from './transport';

type ForgeView = Awaited<ReturnType<typeof loadForgeBridge>>['view'];
type ProductHistory = Awaited<ReturnType<ForgeView['createHistory']>>;

function indexOf(fragments: readonly string[], name: string): number {
  return Math.max(0, fragments.indexOf(name.replace(/^[#/]+/, '')));
}

/**
 * The window whose address the person sees: locally the product page that frames this one at
 * the same origin (/jira/admin around /app/admin/), else this page itself.
 */
function addressWindow(): Window {
  try {
    const host = window.parent;
    return host !== window && host.location.origin === window.location.origin ? host : window;
  } catch {
    return window;
  }
}

/** Selects the tab the address names whenever its fragment changes; returns the clean-up. */
function followAddress(fragments: readonly string[], select: (index: number) => void): () => void {
  const host = addressWindow();
  const follow = (): void => select(indexOf(fragments, host.location.hash));
  host.addEventListener('hashchange', follow);
  return () => host.removeEventListener('hashchange', follow);
}

/** The selected tab index and a setter that also updates the address. */
export function useTabRoute(fragments: readonly string[]): [number, (index: number) => void] {
  const [selected, setSelected] = useState(() => indexOf(fragments, addressWindow().location.hash));
  const [history, setHistory] = useState<ProductHistory | null>(null);

  useEffect(() => {
    if (isLocalRuntime(document)) {
      return followAddress(fragments, setSelected);
    }
    let stop: (() => void) | undefined;
    let current = true;
    loadForgeBridge()
      .then(({ view }) => view.createHistory())
      .then((productHistory) => {
        if (!current) {
          return;
        }
        setHistory(productHistory);
        setSelected(indexOf(fragments, productHistory.location.pathname));
        stop = productHistory.listen((location) =>
          setSelected(indexOf(fragments, location.pathname)),
        );
      })
      .catch(() => undefined);
    return () => {
      current = false;
      stop?.();
    };
  }, [fragments]);

  const select = useCallback(
    (index: number) => {
      setSelected(index);
      const fragment = fragments[index] ?? '';
      if (history !== null) {
        history.push(`/${fragment}`);
      } else {
        addressWindow().history.replaceState(null, '', `#${fragment}`);
      }
    },
    [fragments, history],
  );
  return [selected, select];
}
