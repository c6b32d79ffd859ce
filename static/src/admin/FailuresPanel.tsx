/** Failed token attempts per user and address in the current window, with a reset per user. */
import { useEffect, useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import type { FailureSummary, UserSummary } from '../../../src/app/contract';
import { errorMessage } from '../shared/errors';
import { useNotify } from '../shared/flags';
import { formatTime } from '../shared/format';
import { LoadFailed } from '../shared/LoadState';
import { useCall } from '../shared/operations';
import { useLoad } from '../shared/use-load';

/** Names for at most this many distinct users are looked up per load. */
const MAX_NAMED_USERS = 25;

/** The counts the failed-attempt policy keeps; resetting a user removes their failures everywhere. */
export function FailuresPanel(props: { changes: number }): ReactElement {
  const failures = useLoad('listFailures', {}, { refresh: props.changes });
  const names = useUserNames(
    failures.loaded.state === 'ready' ? failures.loaded.data.failures : [],
  );
  const { loaded } = failures;
  if (loaded.state === 'error') {
    return <LoadFailed what="the failed attempts" error={loaded.error} onRetry={failures.reload} />;
  }
  const data = loaded.state === 'ready' ? loaded.data : null;
  return (
    <Stack space="space.150">
      <Text as="p">
        {data === null
          ? 'Failed token attempts in the current window.'
          : `Failed token attempts in the last ${data.windowMinutes} minutes. From ${data.limit} failures on, further attempts from that address (or by that user from that address) get 429 Too Many Requests until the window passes or you reset the user.`}
      </Text>
      <DynamicTable
        label="Failed attempts"
        isLoading={data === null}
        head={{
          cells: ['User', 'Address', 'Failures', 'Last failure', 'State', 'Actions'].map(
            (name) => ({ key: name, content: name }),
          ),
        }}
        rows={(data?.failures ?? []).map((failure) => ({
          key: `${failure.accountId ?? '-'}-${failure.ip}`,
          cells: failureCells(failure, names, failures.reload),
        }))}
        emptyView={
          <EmptyState
            header="No failed attempts"
            description="Nobody failed to authenticate in the current window."
            headingLevel={3}
          />
        }
      />
    </Stack>
  );
}

function failureCells(
  failure: FailureSummary,
  names: Map<string, UserSummary>,
  onReset: () => void,
): { key: string; content: ReactElement | string }[] {
  const user = failure.accountId === null ? undefined : names.get(failure.accountId);
  return [
    {
      key: 'user',
      content:
        failure.accountId === null ? 'Unknown user' : (user?.displayName ?? failure.accountId),
    },
    { key: 'ip', content: failure.ip },
    { key: 'count', content: String(failure.count) },
    { key: 'last', content: formatTime(failure.lastAt, '—') },
    {
      key: 'state',
      content: failure.locked ? (
        <Lozenge appearance="removed">Locked</Lozenge>
      ) : (
        <Lozenge>Counting</Lozenge>
      ),
    },
    {
      key: 'actions',
      content:
        failure.accountId === null ? (
          <Text size="small" color="color.text.subtlest">
            Expires with the window
          </Text>
        ) : (
          <ResetButton
            accountId={failure.accountId}
            name={user?.displayName ?? failure.accountId}
            onReset={onReset}
          />
        ),
    },
  ];
}

function ResetButton(props: {
  accountId: string;
  name: string;
  onReset: () => void;
}): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  async function reset(): Promise<void> {
    setBusy(true);
    const result = await call('resetUserFailures', { user: props.accountId });
    setBusy(false);
    if (result.ok) {
      notify.success(
        'Failed attempts reset',
        `${result.data.removed} failures of ${props.name} removed.`,
      );
      props.onReset();
    } else {
      notify.failure('Could not reset the failed attempts', errorMessage(result.error));
    }
  }

  return (
    <Button
      spacing="compact"
      isLoading={busy}
      aria-label={`Reset failed attempts of ${props.name}`}
      onClick={() => void reset()}
    >
      Reset
    </Button>
  );
}

/** Display names for the users in the failures (the counts name users by account id only). */
function useUserNames(failures: FailureSummary[]): Map<string, UserSummary> {
  const call = useCall();
  const [names, setNames] = useState(new Map<string, UserSummary>());
  const ids = [
    ...new Set(
      failures.flatMap((failure) => (failure.accountId === null ? [] : [failure.accountId])),
    ),
  ]
    .slice(0, MAX_NAMED_USERS)
    .join(',');

  useEffect(() => {
    let current = true;
    const wanted = ids === '' ? [] : ids.split(',');
    void Promise.all(wanted.map((id) => call('getUserFailures', { user: id }))).then((results) => {
      if (current) {
        setNames(
          new Map(
            results.flatMap((result) =>
              result.ok ? [[result.data.user.accountId, result.data.user]] : [],
            ),
          ),
        );
      }
    });
    return () => {
      current = false;
    };
  }, [call, ids]);
  return names;
}
