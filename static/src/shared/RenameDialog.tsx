/** Renames a token; the server's reason (name taken, too long) appears under the field. */
import { useState, type FormEvent, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { Stack } from '@atlaskit/primitives';
import type { ErrorBody } from '../../../src/app/contract';
import type { PublicToken } from '../../../src/core/types';
import { errorMessage, fieldReasons, nameErrors } from './errors';
import { useCall } from './operations';
import { NameField } from './token-fields';
import { tokenNameProblem } from './token-rules';

/** A dialog with the token's name; saving calls renameToken. */
export function RenameDialog(props: {
  token: PublicToken;
  onRenamed: (token: PublicToken) => void;
  onClose: () => void;
}): ReactElement {
  const { name, setName, errors, refusal, busy, save } = useRename(props);
  const general =
    refusal !== null && refusal.code !== 'NAME_TAKEN' && fieldReasons(refusal, 'name').length === 0;
  return (
    <Modal onClose={props.onClose} width="small" label="Rename token">
      <ModalHeader>
        <ModalTitle>Rename token</ModalTitle>
      </ModalHeader>
      <form onSubmit={(event) => void save(event)} noValidate>
        <ModalBody>
          <Stack space="space.200">
            <NameField
              id="rename-token-name"
              label="Token name"
              value={name}
              errors={errors}
              helper="Names are unique among your tokens."
              onChange={setName}
            />
            {general && refusal !== null && (
              <SectionMessage appearance="error">{errorMessage(refusal)}</SectionMessage>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={props.onClose}>
            Cancel
          </Button>
          <Button appearance="primary" type="submit" isLoading={busy}>
            Save name
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

/** The rename form's state; a successful save reports the renamed token and closes. */
function useRename(props: {
  token: PublicToken;
  onRenamed: (token: PublicToken) => void;
  onClose: () => void;
}): {
  name: string;
  setName: (name: string) => void;
  errors: string[];
  refusal: ErrorBody | null;
  busy: boolean;
  save: (event: FormEvent) => Promise<void>;
} {
  const call = useCall();
  const [name, setName] = useState(props.token.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const localProblem = tokenNameProblem(name);
    setProblem(localProblem);
    if (localProblem !== null) {
      return;
    }
    setBusy(true);
    const result = await call('renameToken', { id: props.token.id, name: name.trim() });
    setBusy(false);
    setRefusal(result.ok ? null : result.error);
    if (result.ok) {
      props.onRenamed(result.data);
      props.onClose();
    }
  }

  return { name, setName, errors: nameErrors(problem, refusal), refusal, busy, save };
}
