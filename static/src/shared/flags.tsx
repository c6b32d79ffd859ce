/** Success and failure flags in the corner of the page, through Atlaskit's flag provider. */
import { useMemo, type ReactElement, type ReactNode } from 'react';
import { FlagsProvider } from '@atlaskit/flag/flags-provider';
import { useFlags } from '@atlaskit/flag/use-flags';
import CheckCircleIcon from '@atlaskit/icon/core/check-circle';
import ErrorIcon from '@atlaskit/icon/core/status-error';
import WarningIcon from '@atlaskit/icon/core/status-warning';

/** Shows a success, failure or warning flag. */
export interface Notify {
  success: (title: string, description?: string) => void;
  failure: (title: string, description?: string) => void;
  warning: (title: string, description?: string) => void;
}

/** Wraps a page so that `useNotify` can show flags. */
export function NotificationsProvider(props: { children: ReactNode }): ReactElement {
  return <FlagsProvider>{props.children}</FlagsProvider>;
}

/** Shows a flag: successes dismiss themselves, failures stay until closed. */
export function useNotify(): Notify {
  const { showFlag } = useFlags();
  return useMemo(
    () => ({
      success: (title, description) => {
        showFlag({
          title,
          description,
          appearance: 'success',
          icon: <CheckCircleIcon label="Success" color="var(--ds-icon-success)" />,
          isAutoDismiss: true,
        });
      },
      failure: (title, description) => {
        showFlag({
          title,
          description,
          appearance: 'error',
          icon: <ErrorIcon label="Error" color="var(--ds-icon-danger)" />,
        });
      },
      warning: (title, description) => {
        showFlag({
          title,
          description,
          appearance: 'warning',
          icon: <WarningIcon label="Warning" color="var(--ds-icon-warning)" />,
        });
      },
    }),
    [showFlag],
  );
}
