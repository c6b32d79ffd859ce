/** A modal that asks before something is deleted or replaced, and shows why it failed. */
import { useState, type ReactElement, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { Stack } from '@atlaskit/primitives';

/** What to ask, the button that confirms, and the action. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Runs the action; returns an error message to show, or null when it worked (the caller closes or replaces the dialog). */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}

/** Asks for confirmation; stays open with the server's reason when the action fails. */
export function ConfirmDialog(props: ConfirmDialogProps): ReactElement {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    setBusy(true);
    const problem = await props.onConfirm();
    setBusy(false);
    setFailure(problem);
  }

  return (
    <Modal onClose={props.onClose} width="small" label={props.title}>
      <ModalHeader>
        <ModalTitle appearance="danger">{props.title}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.200">
          <div>{props.children}</div>
          {failure !== null && <SectionMessage appearance="error">{failure}</SectionMessage>}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={props.onClose}>
          Cancel
        </Button>
        <Button appearance="danger" isLoading={busy} onClick={() => void confirm()}>
          {props.confirmLabel}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
