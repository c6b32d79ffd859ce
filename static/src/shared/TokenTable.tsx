/** A table of tokens: name, access, created, effective expiry, last use and where from. */
import type { ReactElement, ReactNode } from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { UserSummary } from '../../../src/app/contract';
import type { PublicToken } from '../../../src/core/types';
import { formatTime, isPast, scopeLabel } from './format';

/** A token, with its owner in the administrators' list. */
export interface TokenRow extends PublicToken {
  owner?: UserSummary;
}

/** The tokens to list and the buttons of each row. */
export interface TokenTableProps {
  /** Names the table for assistive technology (the section heading shows it). */
  label: string;
  tokens: TokenRow[];
  isLoading?: boolean;
  showOwner?: boolean;
  /** The buttons for one row (rename, rotate, delete). */
  actions: (token: TokenRow) => ReactNode;
  emptyTitle?: string;
  emptyDescription?: string;
}

/** Lists tokens; an empty list says "No tokens yet". */
export function TokenTable(props: TokenTableProps): ReactElement {
  const now = Date.now();
  const head = {
    cells: [
      { key: 'name', content: 'Name' },
      ...(props.showOwner === true ? [{ key: 'owner', content: 'Owner' }] : []),
      { key: 'scope', content: 'Access' },
      { key: 'created', content: 'Created' },
      { key: 'expires', content: 'Expires' },
      { key: 'used', content: 'Last used' },
      { key: 'actions', content: <span>Actions</span> },
    ],
  };
  const rows = props.tokens.map((token) => ({
    key: token.id,
    testId: `token-row-${token.id}`,
    cells: [
      { key: 'name', content: <TokenName token={token} /> },
      ...(props.showOwner === true ? [{ key: 'owner', content: ownerName(token) }] : []),
      { key: 'scope', content: scopeLabel(token.scope) },
      { key: 'created', content: <Created token={token} /> },
      { key: 'expires', content: <Expiry token={token} now={now} /> },
      { key: 'used', content: <LastUsed token={token} /> },
      { key: 'actions', content: <Inline space="space.050">{props.actions(token)}</Inline> },
    ],
  }));
  return (
    <DynamicTable
      label={props.label}
      head={head}
      rows={rows}
      isLoading={props.isLoading === true}
      emptyView={
        <EmptyState
          header={props.emptyTitle ?? 'No tokens yet'}
          description={props.emptyDescription}
          headingLevel={3}
        />
      }
    />
  );
}

function ownerName(token: TokenRow): string {
  return token.owner === undefined
    ? token.ownerId
    : `${token.owner.displayName} (${token.owner.username})`;
}

function TokenName(props: { token: TokenRow }): ReactElement {
  return (
    <Stack>
      <Text weight="semibold">{props.token.name}</Text>
      <Text size="small" color="color.text.subtlest">
        <code>{props.token.hint}…</code>
      </Text>
    </Stack>
  );
}

function Created(props: { token: TokenRow }): ReactElement {
  const byAdmin = props.token.createdBy !== props.token.ownerId;
  return (
    <Stack>
      <Text>{formatTime(props.token.createdAt, '—')}</Text>
      {byAdmin && (
        <Text size="small" color="color.text.subtlest">
          by an administrator
        </Text>
      )}
    </Stack>
  );
}

function Expiry(props: { token: TokenRow; now: number }): ReactElement {
  if (props.token.expiresAt === null) {
    return <Text>Never</Text>;
  }
  return (
    <Inline space="space.050" alignBlock="center" shouldWrap>
      <Text>{formatTime(props.token.expiresAt, '—')}</Text>
      {isPast(props.token.expiresAt, props.now) && <Lozenge appearance="removed">Expired</Lozenge>}
    </Inline>
  );
}

function LastUsed(props: { token: TokenRow }): ReactElement {
  if (props.token.lastUsedAt === null) {
    return <Text color="color.text.subtlest">Never used</Text>;
  }
  return (
    <Stack>
      <Text>{formatTime(props.token.lastUsedAt, '—')}</Text>
      {props.token.lastUsedIp !== null && (
        <Text size="small" color="color.text.subtlest">
          from {props.token.lastUsedIp}
        </Text>
      )}
    </Stack>
  );
}
