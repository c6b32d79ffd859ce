/** Creates a token: a name, a validity within what the settings allow, and read-only or read-write. */
import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack } from '@atlaskit/primitives';
import type { CreatedToken, ErrorBody, OperationResult } from '../../../src/app/contract';
import type { TokenScope, Validity } from '../../../src/core/types';
import { errorMessage, fieldReasons, otherReasons } from './errors';
import { NameField, ScopeField, ValidityField } from './token-fields';
import { defaultValidity, tokenNameProblem } from './token-rules';

/** The fields of a new token as the form collected them. */
export interface NewToken {
  name: string;
  validity: Validity;
  scope: TokenScope;
}

/** The options offered, how to create, and what to do with the new token. */
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
  const [name, setName] = useState('');
  const [validity, setValidity] = useState(defaultValidity(props.validityOptions));
  const [scope, setScope] = useState<TokenScope>('read-write');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string): string => `${props.idPrefix}-${field}`;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const problem = tokenNameProblem(name);
    setNameProblem(problem);
    const blocked = props.before?.problem() ?? null;
    if (problem !== null || validity === null || blocked !== null) {
      return;
    }
    setBusy(true);
    const result = await props.create({ name: name.trim(), validity, scope });
    setBusy(false);
    setRefusal(result.ok ? null : result.error);
    if (result.ok) {
      setName('');
      props.onCreated(result.data);
    }
  }

  const nameErrors = [
    ...(nameProblem === null ? [] : [nameProblem]),
    ...fieldReasons(refusal, 'name'),
    ...(refusal?.code === 'NAME_TAKEN' ? [refusal.message] : []),
  ];
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={props.submitLabel ?? 'Create token'}
      style={FORM_STYLE}
    >
      <Stack space="space.200">
        {props.before?.field}
        <NameField
          id={id('name')}
          label="Token name"
          value={name}
          errors={nameErrors}
          helper="A name that says where the token is used, for example “Build server”."
          onChange={setName}
        />
        <ValidityField
          id={id('validity')}
          label="Validity"
          options={props.validityOptions}
          value={validity}
          errors={fieldReasons(refusal, 'validity')}
          helper="The longest validity offered is the maximum your administrators allow."
          onChange={setValidity}
        />
        <ScopeField id={id('scope')} value={scope} onChange={setScope} />
        <RefusalMessages refusal={refusal} />
        <Box>
          <Button type="submit" appearance="primary" isLoading={busy}>
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
