/** Permissions: who may create tokens, and whether regular users may use tokens created for them. */
import { useState, type FormEvent, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { HelperMessage } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack } from '@atlaskit/primitives';
import type { ErrorBody } from '../../../src/app/contract';
import { errorMessage } from '../shared/errors';
import { useResetOnSaved, useSaveSettings, type SettingsOwner } from './use-save-settings';

/** Two checkboxes and Save; the second only matters, and is only enabled, when the first is on. */
export function PermissionsTab(props: SettingsOwner): ReactElement {
  const save = useSaveSettings(props);
  const [adminsOnlyCreate, setAdminsOnlyCreate] = useState(props.settings.adminsOnlyCreate);
  const [usersMayUse, setUsersMayUse] = useState(props.settings.usersMayUseAssignedTokens);
  const [refusal, setRefusal] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  useResetOnSaved(props.settings, (saved) => {
    setAdminsOnlyCreate(saved.adminsOnlyCreate);
    setUsersMayUse(saved.usersMayUseAssignedTokens);
  });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setRefusal(
      await save({ ...props.settings, adminsOnlyCreate, usersMayUseAssignedTokens: usersMayUse }),
    );
    setBusy(false);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Permissions">
      <Stack space="space.300">
        <PermissionOption
          name="adminsOnlyCreate"
          label="Allow only admins to create tokens"
          isChecked={adminsOnlyCreate}
          isDisabled={false}
          onChange={setAdminsOnlyCreate}
          help="Regular users can no longer create tokens, on their page or through the REST API; their page shows an information message instead. Administrators can still create tokens for themselves and for any user on the API Tokens tab."
        />
        <PermissionOption
          name="usersMayUseAssignedTokens"
          label="Allow regular users to use tokens created for them"
          isChecked={usersMayUse}
          isDisabled={!adminsOnlyCreate}
          onChange={setUsersMayUse}
          help={
            adminsOnlyCreate
              ? 'When off, REST requests with a token owned by a regular user get 403 Forbidden, whoever created the token.'
              : 'Only applies when only admins may create tokens: until then every user’s tokens work.'
          }
        />
        {refusal !== null && (
          <SectionMessage appearance="error" title="The permissions were not saved">
            {errorMessage(refusal)}
          </SectionMessage>
        )}
        <Box>
          <Button type="submit" appearance="primary" isLoading={busy}>
            Save
          </Button>
        </Box>
      </Stack>
    </form>
  );
}

/** One checkbox with the explanation under it, linked for assistive technology. */
function PermissionOption(props: {
  name: string;
  label: string;
  isChecked: boolean;
  isDisabled: boolean;
  help: string;
  onChange: (checked: boolean) => void;
}): ReactElement {
  const helpId = `${props.name}-help`;
  return (
    <Box>
      <Checkbox
        name={props.name}
        label={props.label}
        isChecked={props.isChecked}
        isDisabled={props.isDisabled}
        aria-describedby={helpId}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <div id={helpId}>
        <HelperMessage>{props.help}</HelperMessage>
      </div>
    </Box>
  );
}
