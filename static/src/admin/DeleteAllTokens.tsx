/** Deletes every token of one user, after a confirmation that names the user and the count. */
import { useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Text } from '@atlaskit/primitives';
import type { UserSummary } from '../../../src/app/contract';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { errorMessage } from '../shared/errors';
import { useNotify } from '../shared/flags';
import { useCall } from '../shared/operations';
import { userLabel } from './UserPicker';

function tokensWord(count: number): string {
  return count === 1 ? '1 token' : `${count} tokens`;
}

/** A button that first counts the user's tokens, then asks before deleting them all. */
export function DeleteAllTokens(props: { user: UserSummary; onDeleted: () => void }): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const [count, setCount] = useState<number | null>(null);
  const [counting, setCounting] = useState(false);

  async function ask(): Promise<void> {
    setCounting(true);
    const result = await call('listTokens', { user: props.user.accountId });
    setCounting(false);
    if (!result.ok) {
      notify.failure('Could not count the tokens', errorMessage(result.error));
    } else if (result.data.tokens.length === 0) {
      notify.success(`${props.user.displayName} has no tokens`, 'There is nothing to delete.');
    } else {
      setCount(result.data.tokens.length);
    }
  }

  async function deleteAll(): Promise<string | null> {
    const result = await call('deleteUserTokens', { user: props.user.accountId });
    if (!result.ok) {
      return errorMessage(result.error);
    }
    notify.success(
      'Tokens deleted',
      `${tokensWord(result.data.deleted)} of ${props.user.displayName} deleted.`,
    );
    setCount(null);
    props.onDeleted();
    return null;
  }

  return (
    <Box>
      <Button appearance="danger" isLoading={counting} onClick={() => void ask()}>
        Delete all tokens of {props.user.displayName}
      </Button>
      <ModalTransition>
        {count !== null && (
          <ConfirmDialog
            title={`Delete all tokens of ${props.user.displayName}?`}
            confirmLabel={`Delete ${tokensWord(count)}`}
            onConfirm={deleteAll}
            onClose={() => setCount(null)}
          >
            <Text as="p">
              This deletes all {tokensWord(count)} of {userLabel(props.user)}. Every script using
              them loses REST access at once. This cannot be undone.
            </Text>
          </ConfirmDialog>
        )}
      </ModalTransition>
    </Box>
  );
}
