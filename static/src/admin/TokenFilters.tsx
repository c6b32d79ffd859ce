/** The filters above All tokens: a user, expiring within N days, unused for N days. */
import { useState, type FormEvent, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { ErrorMessage, Label } from '@atlaskit/form';
import { Box, Inline } from '@atlaskit/primitives';
import { daysProblem, NO_FILTERS, type TokenFilterDraft } from './token-filters';
import { UserPicker } from './UserPicker';

/** Picking a user applies at once; the day fields apply with the Apply button or Enter. */
export function TokenFilters(props: {
  applied: TokenFilterDraft;
  onApply: (filters: TokenFilterDraft) => void;
}): ReactElement {
  const [draft, setDraft] = useState(props.applied);
  const [checked, setChecked] = useState(false);
  const expiringProblem = checked ? daysProblem(draft.expiringWithinDays) : null;
  const unusedProblem = checked ? daysProblem(draft.unusedForDays) : null;

  function submit(event: FormEvent): void {
    event.preventDefault();
    setChecked(true);
    if (
      daysProblem(draft.expiringWithinDays) === null &&
      daysProblem(draft.unusedForDays) === null
    ) {
      props.onApply(draft);
    }
  }

  function pickOwner(user: TokenFilterDraft['user']): void {
    setDraft({ ...draft, user });
    props.onApply({ ...props.applied, user });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Filter tokens">
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Box style={{ minWidth: '18rem' }}>
          <UserPicker id="filter-user" label="Owner" value={draft.user} onChange={pickOwner} />
        </Box>
        <DaysField
          id="filter-expiring"
          label="Expiring within (days)"
          value={draft.expiringWithinDays}
          problem={expiringProblem}
          onChange={(value) => setDraft({ ...draft, expiringWithinDays: value })}
        />
        <DaysField
          id="filter-unused"
          label="Unused for (days)"
          value={draft.unusedForDays}
          problem={unusedProblem}
          onChange={(value) => setDraft({ ...draft, unusedForDays: value })}
        />
        <FilterButtons
          onClear={() => {
            setDraft(NO_FILTERS);
            setChecked(false);
            props.onApply(NO_FILTERS);
          }}
        />
      </Inline>
    </form>
  );
}

function DaysField(props: {
  id: string;
  label: string;
  value: string;
  problem: string | null;
  onChange: (value: string) => void;
}): ReactElement {
  return (
    <Box>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Textfield
        id={props.id}
        value={props.value}
        inputMode="numeric"
        width="small"
        isInvalid={props.problem !== null}
        aria-describedby={`${props.id}-error`}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
      <div id={`${props.id}-error`}>
        {props.problem !== null && <ErrorMessage>{props.problem}</ErrorMessage>}
      </div>
    </Box>
  );
}

function FilterButtons(props: { onClear: () => void }): ReactElement {
  return (
    <Inline space="space.100">
      <Button type="submit">Apply filters</Button>
      <Button appearance="subtle" onClick={props.onClear}>
        Clear filters
      </Button>
    </Inline>
  );
}
