/** Creates a token: a name, a validity within what the settings allow, and read-only or read-write. */
import type { ReactElement, ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack } from '@atlaskit/primitives';
import type { CreatedToken, ErrorBody, OperationResult } from '../../../src/app/contract';
import type { Validity } from '../../../src/core/types';
import { errorMessage, fieldReasons, otherReasons } from './errors';
import { NameField, ScopeField, ValidityField } from './token-fields';
import { useNewToken, type NewToken } from './use-new-token';

export type { NewToken } from './use-new-token';

export interface CreateTokenFormProps {
  /** Distinguishes this form's field ids from another form's on the same page. */
  idPrefix: string;
  validityOptions: readonly Validity[];
  create: (input: NewToken) => Promise<OperationResult<CreatedToken>>;
  onCreated: (created: CreatedToken) => void;
  /** A field shown first (the administrator's user picker); returns a problem that blocks submitting. */
  before?: { field: ReactNode; problem: () => string | null };
  submitLabel?: string;
}

const SHOWN_FIELDS = new Set(['name', 'validity']);
const FORM_STYLE = { maxWidth: '32rem' };

/** The create form; the server's reasons appear under the field they concern. */
export function CreateTokenForm(props: CreateTokenFormProps): ReactElement {
  const draft = useNewToken({ ...props, blocked: () => props.before?.problem() ?? null });
  const { refusal } = draft;
  const id = (field: string): string => `${props.idPrefix}-${field}`;

  return (
    <form
      onSubmit={(event) => void draft.submit(event)}
      noValidate
      aria-label={props.submitLabel ?? 'Create token'}
      style={FORM_STYLE}
    >
      <Stack space="space.200">
        {props.before?.field}
        <NameField
          id={id('name')}
          label="Token name"
          value={draft.name}
          errors={draft.nameErrors}
          helper="A name that says where the token is used, for example “Build server”."
          onChange={draft.setName}
        />
        <ValidityField
          id={id('validity')}
          label="Validity"
          options={props.validityOptions}
          value={draft.validity}
          errors={fieldReasons(refusal, 'validity')}
          helper="The longest validity offered is the maximum your administrators allow."
          onChange={draft.setValidity}
        />
        <ScopeField id={id('scope')} value={draft.scope} onChange={draft.setScope} />
        <RefusalMessages refusal={refusal} />
        <Box>
          <Button type="submit" appearance="primary" isLoading={draft.busy}>
            {props.submitLabel ?? 'Create token'}
          </Button>
        </Box>
      </Stack>
    </form>
  );
}

/** A refusal that belongs to no field of the form: shown above the button. */
function RefusalMessages(props: { refusal: ErrorBody | null }): ReactElement | null {
  const { refusal } = props;
  if (refusal === null || refusal.code === 'NAME_TAKEN') {
    return null;
  }
  const others = otherReasons(refusal, (field) => SHOWN_FIELDS.has(field));
  if ((refusal.details ?? []).length > 0) {
    return others.length === 0 ? null : (
      <>
        {others.map((reason) => (
          <ErrorMessage key={reason}>{reason}</ErrorMessage>
        ))}
      </>
    );
  }
  return <SectionMessage appearance="error">{errorMessage(refusal)}</SectionMessage>;
}
