/** Audit Log: newest first, paged, filtered by actor, target and action; on-behalf records marked; CSV export. */
import { useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import DownloadIcon from '@atlaskit/icon/core/download';
import type { PublicAuditRecord } from '../../../src/app/contract';
import { errorMessage } from '../shared/errors';
import { useNotify } from '../shared/flags';
import { actionLabel, formatTime } from '../shared/format';
import { LoadFailed } from '../shared/LoadState';
import { useCall } from '../shared/operations';
import { useLoad } from '../shared/use-load';
import { AuditFilters, NO_AUDIT_FILTERS, type AuditFilterValues } from './AuditFilters';
import { personName, recordDetails } from './audit-view';

/** Audit records per page. */
export const AUDIT_PAGE_SIZE = 25;

function filterPayload(values: AuditFilterValues): {
  actor?: string;
  target?: string;
  action?: PublicAuditRecord['action'];
} {
  return {
    ...(values.actor !== null && { actor: values.actor.accountId }),
    ...(values.target !== null && { target: values.target.accountId }),
    ...(values.action !== null && { action: values.action }),
  };
}

/** The log with its filters, paging and the CSV download of everything the filters select. */
export function AuditTab(): ReactElement {
  const [filters, setFilters] = useState(NO_AUDIT_FILTERS);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad('listAudit', {
    ...filterPayload(filters),
    limit: AUDIT_PAGE_SIZE,
    ...(cursor !== undefined && { cursor }),
  });
  const { loaded } = page;
  const next = loaded.state === 'ready' ? loaded.data.nextCursor : undefined;

  return (
    <Stack space="space.200">
      <Text as="p">
        Every token creation, rename, rotation and deletion, every settings change and every reset
        of failed attempts, newest first. Records an administrator made for someone else are marked
        “On behalf”.
      </Text>
      <AuditFilters
        values={filters}
        onChange={(values) => {
          setFilters(values);
          setCursors([undefined]);
        }}
      />
      <CsvDownload filters={filters} />
      {loaded.state === 'error' ? (
        <LoadFailed what="the audit log" error={loaded.error} onRetry={page.reload} />
      ) : (
        <AuditTable
          records={loaded.state === 'ready' ? loaded.data.records : []}
          isLoading={loaded.state === 'loading'}
        />
      )}
      <Inline space="space.100" alignBlock="center">
        <Button isDisabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer records
        </Button>
        <Text>Page {cursors.length}</Text>
        <Button isDisabled={next === undefined} onClick={() => setCursors([...cursors, next])}>
          Older records
        </Button>
      </Inline>
    </Stack>
  );
}

const HEAD = {
  cells: ['Time', 'Action', 'Done by', 'For user', 'Token', 'Details', 'Address'].map((name) => ({
    key: name,
    content: name,
  })),
};

function AuditTable(props: { records: PublicAuditRecord[]; isLoading: boolean }): ReactElement {
  const rows = props.records.map((record) => ({
    key: record.id,
    cells: [
      { key: 'at', content: formatTime(record.at, '—') },
      { key: 'action', content: actionLabel(record.action) },
      { key: 'actor', content: personName(record.actor) },
      {
        key: 'target',
        content: (
          <Inline space="space.050" alignBlock="center" shouldWrap>
            <Text>{personName(record.target)}</Text>
            {record.onBehalf && <Lozenge appearance="moved">On behalf</Lozenge>}
          </Inline>
        ),
      },
      { key: 'token', content: record.tokenName ?? '—' },
      {
        key: 'details',
        content: (
          <Stack>
            {recordDetails(record).map((line) => (
              <Text key={line} size="small">
                {line}
              </Text>
            ))}
          </Stack>
        ),
      },
      { key: 'ip', content: record.actorIp ?? '—' },
    ],
  }));
  return (
    <DynamicTable
      label="Audit records"
      head={HEAD}
      rows={rows}
      isLoading={props.isLoading}
      emptyView={
        <EmptyState
          header="No audit records"
          description="Nothing matches these filters yet."
          headingLevel={3}
        />
      }
    />
  );
}

/** Fetches the CSV of every record the filters select and saves it as a file. */
function CsvDownload(props: { filters: AuditFilterValues }): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  async function download(): Promise<void> {
    setBusy(true);
    const result = await call('exportAuditCsv', filterPayload(props.filters));
    setBusy(false);
    if (!result.ok) {
      notify.failure('Could not export the audit log', errorMessage(result.error));
      return;
    }
    const url = URL.createObjectURL(
      new Blob([result.data.csv], { type: 'text/csv;charset=utf-8' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <Inline>
      <Button iconBefore={DownloadIcon} isLoading={busy} onClick={() => void download()}>
        Download CSV
      </Button>
    </Inline>
  );
}
