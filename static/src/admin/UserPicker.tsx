/** Picks a user by typing part of a username, display name or email (searchUsers). */
import { useCallback, useState, type ReactElement } from 'react';
import AsyncSelect from '@atlaskit/select/async-select';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives';
import type { UserSummary } from '../../../src/app/contract';
import { errorMessage } from '../shared/errors';
import { useCall } from '../shared/operations';

/** One user as the select lists them. */
export interface UserOption {
  label: string;
  value: string;
  user: UserSummary;
}

/** "Alice Example (alice, alice@example.com)": enough to tell two people with one name apart. */
export function userLabel(user: UserSummary): string {
  return `${user.displayName} (${user.username}${user.email === '' ? '' : `, ${user.email}`})`;
}

/** The picker's label, value and the reasons it was refused. */
export interface UserPickerProps {
  id: string;
  label: string;
  value: UserSummary | null;
  onChange: (user: UserSummary | null) => void;
  errors?: string[];
  helper?: string;
}

/** An async select; a failed search says why under the field rather than showing nothing. */
export function UserPicker(props: UserPickerProps): ReactElement {
  const call = useCall();
  const [searchFailure, setSearchFailure] = useState<string | null>(null);
  const load = useCallback(
    async (query: string): Promise<UserOption[]> => {
      const result = await call('searchUsers', { query: query.trim() });
      setSearchFailure(result.ok ? null : `The search failed: ${errorMessage(result.error)}`);
      return result.ok
        ? result.data.users.map((user) => ({ label: userLabel(user), value: user.accountId, user }))
        : [];
    },
    [call],
  );
  const errors = [...(props.errors ?? []), ...(searchFailure === null ? [] : [searchFailure])];
  const value =
    props.value === null
      ? null
      : { label: userLabel(props.value), value: props.value.accountId, user: props.value };

  return (
    <Box>
      <Label htmlFor={props.id}>{props.label}</Label>
      <AsyncSelect<UserOption>
        inputId={props.id}
        value={value}
        loadOptions={load}
        defaultOptions
        cacheOptions
        isClearable
        isInvalid={errors.length > 0}
        placeholder="Type a name, username or email"
        noOptionsMessage={({ inputValue }) =>
          inputValue === '' ? 'Type to search for users' : `No user matches “${inputValue}”`
        }
        onChange={(option) => props.onChange(option?.user ?? null)}
      />
      {errors.map((reason) => (
        <ErrorMessage key={reason}>{reason}</ErrorMessage>
      ))}
      {props.helper !== undefined && errors.length === 0 && (
        <HelperMessage>{props.helper}</HelperMessage>
      )}
    </Box>
  );
}
