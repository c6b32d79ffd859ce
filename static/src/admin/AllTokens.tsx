/** Every user's tokens, filtered by user, expiring soon or unused for N days, one page at a time. */
import { useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { AdminTokenRow } from '../../../src/app/contract';
import { LoadFailed } from '../shared/LoadState';
import { useTokenDialogs } from '../shared/token-dialogs';
import { TokenTable } from '../shared/TokenTable';
import { useLoad } from '../shared/use-load';
import { DeleteAllTokens } from './DeleteAllTokens';
import { TokenFilters } from './TokenFilters';
import { listAllPayload, NO_FILTERS, type TokenFilterDraft } from './token-filters';

/** `changes` goes up whenever another section created or deleted tokens, to load the list again. */
export function AllTokens(props: { changes: number; onChanged: () => void }): ReactElement {
  const [filters, setFilters] = useState<TokenFilterDraft>(NO_FILTERS);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const list = useLoad('listAllTokens', listAllPayload(filters, cursor), {
    refresh: props.changes,
  });
  const dialogs = useTokenDialogs(props.onChanged);

  function apply(next: TokenFilterDraft): void {
    setFilters(next);
    setCursors([undefined]);
  }

  const { loaded } = list;
  const rows: AdminTokenRow[] = loaded.state === 'ready' ? loaded.data.tokens : [];
  const next = loaded.state === 'ready' ? loaded.data.nextCursor : undefined;
  return (
    <Stack space="space.200">
      <TokenFilters applied={filters} onApply={apply} />
      {filters.user !== null && <DeleteAllTokens user={filters.user} onDeleted={props.onChanged} />}
      {loaded.state === 'error' ? (
        <LoadFailed what="the tokens" error={loaded.error} onRetry={list.reload} />
      ) : (
        <TokenTable
          label="All tokens"
          showOwner
          tokens={rows}
          isLoading={loaded.state === 'loading'}
          emptyTitle="No tokens yet"
          emptyDescription="No token matches these filters."
          actions={(token) => (
            <Button
              spacing="compact"
              aria-label={`Delete ${token.name} of ${token.owner?.displayName ?? token.ownerId}`}
              onClick={() =>
                dialogs.open({ kind: 'delete', token, ownerName: token.owner?.displayName })
              }
            >
              Delete
            </Button>
          )}
        />
      )}
      <Inline space="space.100" alignBlock="center">
        <Button isDisabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </Button>
        <Text>Page {cursors.length}</Text>
        <Button isDisabled={next === undefined} onClick={() => setCursors([...cursors, next])}>
          Next page
        </Button>
      </Inline>
      {dialogs.element}
    </Stack>
  );
}
