/** Edits an address list: one field per entry with a delete button, and + to add an entry. */
import type { ReactElement } from 'react';
import Button, { IconButton } from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { ErrorMessage } from '@atlaskit/form';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import AddIcon from '@atlaskit/icon/core/add';
import DeleteIcon from '@atlaskit/icon/core/delete';
import { withNewRow, type IpRow } from './ip-rows';

/** The rows to edit, their errors by row key, and where changes go. */
export interface IpListEditorProps {
  /** Names the fields for assistive technology, e.g. "Allowed address". */
  entryLabel: string;
  addLabel: string;
  rows: IpRow[];
  errors: Map<number, string[]>;
  onChange: (rows: IpRow[]) => void;
}

/** The rows with their own errors under each; the + button adds an empty row and focuses it. */
export function IpListEditor(props: IpListEditorProps): ReactElement {
  const update = (key: number, value: string): void =>
    props.onChange(props.rows.map((row) => (row.key === key ? { ...row, value } : row)));
  const remove = (key: number): void => props.onChange(props.rows.filter((row) => row.key !== key));

  return (
    <Stack space="space.100">
      {props.rows.map((row, index) => (
        <IpRowField
          key={row.key}
          row={row}
          label={`${props.entryLabel} ${index + 1}`}
          isNew={row.value === '' && index === props.rows.length - 1}
          errors={props.errors.get(row.key) ?? []}
          onChange={(value) => update(row.key, value)}
          onDelete={() => remove(row.key)}
        />
      ))}
      <Box>
        <Button iconBefore={AddIcon} onClick={() => props.onChange(withNewRow(props.rows))}>
          {props.addLabel}
        </Button>
      </Box>
    </Stack>
  );
}

function IpRowField(props: {
  row: IpRow;
  label: string;
  isNew: boolean;
  errors: string[];
  onChange: (value: string) => void;
  onDelete: () => void;
}): ReactElement {
  const errorId = `ip-entry-${props.row.key}-error`;
  const shown = props.row.value.trim();
  return (
    <Box>
      <Inline space="space.100" alignBlock="center">
        <Textfield
          aria-label={props.label}
          value={props.row.value}
          placeholder="203.0.113.7, 10.0.0.0/8 or 192.0.2.1-192.0.2.50"
          isInvalid={props.errors.length > 0}
          isMonospaced
          width="large"
          autoFocus={props.isNew}
          aria-describedby={props.errors.length > 0 ? errorId : undefined}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        />
        <IconButton
          icon={DeleteIcon}
          label={`Delete ${props.label}${shown === '' ? '' : ` (${shown})`}`}
          appearance="subtle"
          onClick={props.onDelete}
        />
      </Inline>
      {props.errors.length > 0 && (
        <div id={errorId}>
          {props.errors.map((reason) => (
            <ErrorMessage key={reason}>{`${shown}: ${reason}`}</ErrorMessage>
          ))}
        </div>
      )}
    </Box>
  );
}
