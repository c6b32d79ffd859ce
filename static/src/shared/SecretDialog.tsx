/** Shows a new token's secret once, with a copy button and the warning that it will not be shown again. */
import { useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import CopyIcon from '@atlaskit/icon/core/copy';
import type { CreatedToken } from '../../../src/app/contract';

/** The new token with its secret, and whose it is. */
export interface SecretDialogProps {
  created: CreatedToken;
  /** Whose token it is, when an administrator created it for someone else. */
  ownerName?: string;
  onClose: () => void;
}

const SECRET_FIELD_ID = 'new-token-secret';

/** The one and only view of a token's secret. */
export function SecretDialog(props: SecretDialogProps): ReactElement {
  return (
    <Modal
      onClose={props.onClose}
      width="medium"
      label="Your new API token"
      shouldCloseOnOverlayClick={false}
    >
      <ModalHeader>
        <ModalTitle>Copy your new API token</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.200">
          <SectionMessage appearance="warning" title="This token will not be shown again">
            Copy it now and keep it somewhere safe, such as a password manager. Anyone who has it
            can use the REST API as {props.ownerName ?? 'you'}.
          </SectionMessage>
          <Text>
            Token <strong>{props.created.name}</strong>
          </Text>
          <CopyableSecret secret={props.created.token} />
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="primary" onClick={props.onClose}>
          I have copied it
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** The secret in a read-only field (selected on focus) and a Copy button that says whether it worked. */
function CopyableSecret(props: { secret: string }): ReactElement {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <Stack space="space.100">
      <div>
        <Label htmlFor={SECRET_FIELD_ID}>API token</Label>
        <Inline space="space.100" alignBlock="center">
          <Textfield
            id={SECRET_FIELD_ID}
            value={props.secret}
            isReadOnly
            isMonospaced
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button iconBefore={CopyIcon} onClick={() => void copy()}>
            Copy
          </Button>
        </Inline>
      </div>
      {copied === 'yes' && <Text color="color.text.success">Copied to the clipboard.</Text>}
      {copied === 'failed' && (
        <Text color="color.text.danger">Copying failed: select the token and copy it by hand.</Text>
      )}
    </Stack>
  );
}
