/** The dialogs a token row opens: rename, rotate (new secret shown once) and delete. */
import { useState, type ReactElement } from 'react';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { Text } from '@atlaskit/primitives';
import type { CreatedToken } from '../../../src/app/contract';
import type { PublicToken } from '../../../src/core/types';
import { ConfirmDialog } from './ConfirmDialog';
import { errorMessage } from './errors';
import { useNotify } from './flags';
import { useCall } from './operations';
import { RenameDialog } from './RenameDialog';
import { SecretDialog } from './SecretDialog';

/** The dialog open on a token, if any. */
export type TokenDialog =
  | { kind: 'rename' | 'rotate' | 'delete'; token: PublicToken; ownerName?: string }
  | { kind: 'secret'; created: CreatedToken; ownerName?: string }
  | null;

/** Opens a dialog; `element` renders the open one. */
export interface TokenDialogsHandle {
  open: (dialog: TokenDialog) => void;
  element: ReactElement;
}

/** Holds which dialog is open; `onChanged` runs after a token was renamed, rotated or deleted. */
export function useTokenDialogs(onChanged: () => void): TokenDialogsHandle {
  const [dialog, setDialog] = useState<TokenDialog>(null);
  const element = (
    <ModalTransition>
      {dialog !== null && (
        <OpenDialog dialog={dialog} setDialog={setDialog} onChanged={onChanged} />
      )}
    </ModalTransition>
  );
  return { open: setDialog, element };
}

function OpenDialog(props: {
  dialog: NonNullable<TokenDialog>;
  setDialog: (dialog: TokenDialog) => void;
  onChanged: () => void;
}): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const { dialog, setDialog, onChanged } = props;
  const close = (): void => setDialog(null);

  if (dialog.kind === 'secret') {
    return <SecretDialog created={dialog.created} ownerName={dialog.ownerName} onClose={close} />;
  }
  if (dialog.kind === 'rename') {
    const renamed = (token: PublicToken): void => {
      notify.success('Token renamed', `The token is now called “${token.name}”.`);
      onChanged();
    };
    return <RenameDialog token={dialog.token} onRenamed={renamed} onClose={close} />;
  }
  if (dialog.kind === 'rotate') {
    const rotate = async (): Promise<string | null> => {
      const result = await call('rotateToken', { id: dialog.token.id });
      if (!result.ok) {
        return errorMessage(result.error);
      }
      onChanged();
      setDialog({ kind: 'secret', created: result.data, ownerName: dialog.ownerName });
      return null;
    };
    return (
      <ConfirmDialog
        title="Rotate this token?"
        confirmLabel="Rotate"
        onConfirm={rotate}
        onClose={close}
      >
        <Text as="p">
          “{dialog.token.name}” gets a new secret, with the same name, access and expiry. The
          current secret stops working at once: update every script that uses it.
        </Text>
      </ConfirmDialog>
    );
  }
  const remove = async (): Promise<string | null> => {
    const result = await call('deleteToken', { id: dialog.token.id });
    if (!result.ok) {
      return errorMessage(result.error);
    }
    notify.success('Token deleted', `“${dialog.token.name}” can no longer be used.`);
    onChanged();
    close();
    return null;
  };
  return (
    <ConfirmDialog
      title="Delete this token?"
      confirmLabel="Delete"
      onConfirm={remove}
      onClose={close}
    >
      <Text as="p">
        Delete “{dialog.token.name}”
        {dialog.ownerName === undefined ? '' : ` of ${dialog.ownerName}`}? Scripts using it will no
        longer be able to call the REST API. This cannot be undone.
      </Text>
    </ConfirmDialog>
  );
}
