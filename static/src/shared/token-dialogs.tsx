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

interface DialogProps {
  setDialog: (dialog: TokenDialog) => void;
  onChanged: () => void;
}

type TokenActionProps = DialogProps & { dialog: { token: PublicToken; ownerName?: string } };

function OpenDialog(props: DialogProps & { dialog: NonNullable<TokenDialog> }): ReactElement {
  const { dialog, setDialog, onChanged } = props;
  switch (dialog.kind) {
    case 'secret':
      return (
        <SecretDialog
          created={dialog.created}
          ownerName={dialog.ownerName}
          onClose={() => setDialog(null)}
        />
      );
    case 'rename':
      return <Rename dialog={dialog} setDialog={setDialog} onChanged={onChanged} />;
    case 'rotate':
      return <Rotate dialog={dialog} setDialog={setDialog} onChanged={onChanged} />;
    case 'delete':
      return <Delete dialog={dialog} setDialog={setDialog} onChanged={onChanged} />;
  }
}

function Rename(props: TokenActionProps): ReactElement {
  const notify = useNotify();
  const renamed = (token: PublicToken): void => {
    notify.success('Token renamed', `The token is now called “${token.name}”.`);
    props.onChanged();
  };
  return (
    <RenameDialog
      token={props.dialog.token}
      onRenamed={renamed}
      onClose={() => props.setDialog(null)}
    />
  );
}

/** Asks, rotates, and replaces itself by the new secret's dialog. */
function Rotate(props: TokenActionProps): ReactElement {
  const call = useCall();
  const { token, ownerName } = props.dialog;
  const rotate = async (): Promise<string | null> => {
    const result = await call('rotateToken', { id: token.id });
    if (!result.ok) {
      return errorMessage(result.error);
    }
    props.onChanged();
    props.setDialog({ kind: 'secret', created: result.data, ownerName });
    return null;
  };
  return (
    <ConfirmDialog
      title="Rotate this token?"
      confirmLabel="Rotate"
      onConfirm={rotate}
      onClose={() => props.setDialog(null)}
    >
      <Text as="p">
        “{token.name}” gets a new secret, with the same name, access and expiry. The current secret
        stops working at once: update every script that uses it.
      </Text>
    </ConfirmDialog>
  );
}

function Delete(props: TokenActionProps): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const { token, ownerName } = props.dialog;
  const remove = async (): Promise<string | null> => {
    const result = await call('deleteToken', { id: token.id });
    if (!result.ok) {
      return errorMessage(result.error);
    }
    notify.success('Token deleted', `“${token.name}” can no longer be used.`);
    props.onChanged();
    props.setDialog(null);
    return null;
  };
  return (
    <ConfirmDialog
      title="Delete this token?"
      confirmLabel="Delete"
      onConfirm={remove}
      onClose={() => props.setDialog(null)}
    >
      <Text as="p">
        Delete “{token.name}”{ownerName === undefined ? '' : ` of ${ownerName}`}? Scripts using it
        will no longer be able to call the REST API. This cannot be undone.
      </Text>
    </ConfirmDialog>
  );
}
