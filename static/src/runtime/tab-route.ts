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

/** The selected tab index and a setter that also updates the address. */
export function useTabRoute(fragments: readonly string[]): [number, (index: number) => void] {
  const [selected, setSelected] = useState(() => indexOf(fragments, window.location.hash));
  const [history, setHistory] = useState<ProductHistory | null>(null);

  useEffect(() => {
    if (isLocalRuntime(document)) {
      return undefined;
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
        window.history.replaceState(null, '', `#${fragment}`);
      }
    },
    [fragments, history],
  );
  return [selected, select];
}
