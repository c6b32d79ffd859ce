/** Filters of the Audit Log: who acted, for whom, and which action. */
import type { ReactElement } from 'react';
import Select from '@atlaskit/select';
import { Label } from '@atlaskit/form';
import { Box, Inline } from '@atlaskit/primitives';
import type { UserSummary } from '../../../src/app/contract';
import { AUDIT_ACTIONS, type AuditAction } from '../../../src/core/types';
import { actionLabel } from '../shared/format';
import { UserPicker } from './UserPicker';

/** The chosen audit filters; null means any. */
export interface AuditFilterValues {
  actor: UserSummary | null;
  target: UserSummary | null;
  action: AuditAction | null;
}

/** Every record, unfiltered. */
export const NO_AUDIT_FILTERS: AuditFilterValues = { actor: null, target: null, action: null };

interface ActionOption {
  label: string;
  value: AuditAction | null;
}

const ACTION_OPTIONS: ActionOption[] = [
  { label: 'Any action', value: null },
  ...AUDIT_ACTIONS.map((action) => ({ label: actionLabel(action), value: action })),
];

/** Each filter applies as soon as it changes. */
export function AuditFilters(props: {
  values: AuditFilterValues;
  onChange: (values: AuditFilterValues) => void;
}): ReactElement {
  const { values, onChange } = props;
  return (
    <Inline space="space.200" alignBlock="end" shouldWrap>
      <Box style={{ minWidth: '16rem' }}>
        <UserPicker
          id="audit-actor"
          label="Done by"
          value={values.actor}
          onChange={(actor) => onChange({ ...values, actor })}
        />
      </Box>
      <Box style={{ minWidth: '16rem' }}>
        <UserPicker
          id="audit-target"
          label="For user"
          value={values.target}
          onChange={(target) => onChange({ ...values, target })}
        />
      </Box>
      <Box style={{ minWidth: '16rem' }}>
        <Label htmlFor="audit-action">Action</Label>
        <Select<ActionOption>
          inputId="audit-action"
          options={ACTION_OPTIONS}
          value={ACTION_OPTIONS.find((option) => option.value === values.action) ?? null}
          isSearchable={false}
          onChange={(option) => onChange({ ...values, action: option?.value ?? null })}
        />
      </Box>
    </Inline>
  );
}
