/** Starts a page: theme (light or dark), the transport to the app, flags, and the React root. */
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { NotificationsProvider } from '../shared/flags';
import { OperationsProvider } from '../shared/operations';
import { chooseTransport, isLocalRuntime, loadForgeBridge } from './transport';

/** Renders `Page` into #root of the document. */
export function mountPage(Page: ComponentType): void {
  const root = document.getElementById('root');
  if (root === null) {
    throw new Error('The page has no #root element');
  }
  void enableTheme();
  createRoot(root).render(
    <StrictMode>
      <OperationsProvider call={chooseTransport(document)}>
        <NotificationsProvider>
          <Page />
        </NotificationsProvider>
      </OperationsProvider>
    </StrictMode>,
  );
}

/** Under Forge the product chooses the theme; locally it follows the system's light or dark setting. */
async function enableTheme(): Promise<void> {
  try {
    if (isLocalRuntime(document)) {
      await setGlobalTheme({ colorMode: 'auto' });
    } else {
      const { view } = await loadForgeBridge();
      await view.theme.enable();
    }
  } catch (error) {
    console.warn('The theme could not be enabled; the page uses the default colours.', error);
  }
}
