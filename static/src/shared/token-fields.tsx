/** The fields of the token forms: name, validity and access. */
import type { ReactElement } from 'react';
import Textfield from '@atlaskit/textfield';
import { RadioGroup } from '@atlaskit/radio';
import { ErrorMessage, Fieldset, HelperMessage, Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives';
import type { TokenScope, Validity } from '../../../src/core/types';
import { scopeLabel, validityLabel } from './format';

/** A text field with its label, helper text and the reasons it was refused. */
export function NameField(props: {
  id: string;
  label: string;
  value: string;
  errors: string[];
  helper: string;
  onChange: (value: string) => void;
}): ReactElement {
  const messageId = `${props.id}-message`;
  return (
    <Box>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Textfield
        id={props.id}
        value={props.value}
        isInvalid={props.errors.length > 0}
        aria-describedby={messageId}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
      <div id={messageId}>
        {props.errors.length > 0 ? (
          props.errors.map((reason) => <ErrorMessage key={reason}>{reason}</ErrorMessage>)
        ) : (
          <HelperMessage>{props.helper}</HelperMessage>
        )}
      </div>
    </Box>
  );
}

/** Radio buttons for the validity times in `options` (at most four, so all stay visible). */
export function ValidityField(props: {
  id: string;
  label: string;
  options: readonly Validity[];
  value: Validity | null;
  errors: string[];
  helper: string;
  onChange: (value: Validity | null) => void;
}): ReactElement {
  return (
    <Fieldset legend={props.label}>
      <RadioGroup
        name={props.id}
        value={props.value}
        isInvalid={props.errors.length > 0}
        options={props.options.map((value) => ({
          name: props.id,
          value,
          label: validityLabel(value),
        }))}
        onChange={(event) =>
          props.onChange(props.options.find((value) => value === event.currentTarget.value) ?? null)
        }
      />
      {props.errors.map((reason) => (
        <ErrorMessage key={reason}>{reason}</ErrorMessage>
      ))}
      <HelperMessage>{props.helper}</HelperMessage>
    </Fieldset>
  );
}

/** Read and write, or read only (GET, HEAD and OPTIONS requests only). */
export function ScopeField(props: {
  id: string;
  value: TokenScope;
  onChange: (value: TokenScope) => void;
}): ReactElement {
  return (
    <Fieldset legend="Access">
      <RadioGroup
        name={props.id}
        value={props.value}
        options={(['read-write', 'read-only'] as const).map((value) => ({
          name: props.id,
          value,
          label: scopeLabel(value),
        }))}
        onChange={(event) =>
          props.onChange(event.currentTarget.value === 'read-only' ? 'read-only' : 'read-write')
        }
      />
      <HelperMessage>Read-only tokens may only read: GET, HEAD and OPTIONS requests.</HelperMessage>
    </Fieldset>
  );
}
