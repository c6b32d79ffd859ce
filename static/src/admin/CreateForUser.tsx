/** Creates a token for any user: the user picker first, then the same fields as everyone's form. */
import { useState, type ReactElement } from 'react';
import type { CreatedToken, Me, UserSummary } from '../../../src/app/contract';
import { CreateTokenForm, type NewToken } from '../shared/CreateTokenForm';
import { useNotify } from '../shared/flags';
import { useCall } from '../shared/operations';
import { useTokenDialogs } from '../shared/token-dialogs';
import { UserPicker } from './UserPicker';

const CHOOSE_USER = 'Choose the user the token is for.';

/** The administrator's form; the secret is shown once, to be handed to the user safely. */
export function CreateForUser(props: { me: Me; onCreated: () => void }): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const dialogs = useTokenDialogs(props.onCreated);
  const [user, setUser] = useState<UserSummary | null>(null);
  const [userProblem, setUserProblem] = useState<string | null>(null);

  function checkUser(): string | null {
    const problem = user === null ? CHOOSE_USER : null;
    setUserProblem(problem);
    return problem;
  }

  async function create(input: NewToken): ReturnType<typeof call<'createToken'>> {
    return call('createToken', { ...input, user: user?.accountId ?? '' });
  }

  function created(token: CreatedToken): void {
    const ownerName = user?.displayName ?? 'the user';
    notify.success('Token created', `“${token.name}” was created for ${ownerName}.`);
    dialogs.open({ kind: 'secret', created: token, ownerName });
    props.onCreated();
  }

  const picker = (
    <UserPicker
      id="create-for-user"
      label="User"
      value={user}
      errors={userProblem === null ? [] : [userProblem]}
      helper="The token belongs to this user and acts as them. The creation is audited as on their behalf."
      onChange={(next) => {
        setUser(next);
        setUserProblem(null);
      }}
    />
  );
  return (
    <>
      <CreateTokenForm
        idPrefix="token-for-user"
        validityOptions={props.me.validityOptions}
        create={create}
        onCreated={created}
        before={{ field: picker, problem: checkUser }}
        submitLabel="Create token for user"
      />
      {dialogs.element}
    </>
  );
}
