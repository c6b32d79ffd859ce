/** The signed-in person's own tokens: create, list, rename, rotate and delete. */
import { useCallback, useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Stack } from '@atlaskit/primitives';
import type { CreatedToken, ErrorBody, Me } from '../../../src/app/contract';
import type { PublicToken } from '../../../src/core/types';
import { CreateTokenForm, type NewToken } from './CreateTokenForm';
import { errorMessage } from './errors';
import { useNotify } from './flags';
import { LoadFailed } from './LoadState';
import { useCall } from './operations';
import { useTokenDialogs, type TokenDialog } from './token-dialogs';
import { TokenTable } from './TokenTable';
import { useLoad, type LoadHandle } from './use-load';

/** The signed-in person and how the page reacts to changes. */
export interface MyTokensProps {
  me: Me;
  /** Called when the server refused a creation because only administrators may create tokens now. */
  onRestricted: () => void;
  /** Raised by other sections after they changed tokens, to load the list again. */
  changes?: number;
  /** Called after this section created, renamed, rotated or deleted a token. */
  onChanged?: () => void;
}

/** Create form (or the information message that replaces it) and the list of one's tokens. */
export function MyTokens(props: MyTokensProps): ReactElement {
  const tokens = useLoad('listTokens', {}, { refresh: props.changes });
  const { onChanged } = props;
  const reload = tokens.reload;
  const changed = useCallback(() => {
    reload();
    onChanged?.();
  }, [reload, onChanged]);
  const dialogs = useTokenDialogs(changed);

  return (
    <Stack space="space.300">
      <CreateSection
        me={props.me}
        onRestricted={props.onRestricted}
        onCreated={(token) => {
          dialogs.open({ kind: 'secret', created: token });
          changed();
        }}
      />
      <Stack space="space.150">
        <Heading size="medium" as="h2">
          Your tokens
        </Heading>
        <MyTokenList tokens={tokens} open={dialogs.open} canRotate={props.me.canCreateTokens} />
      </Stack>
      {dialogs.element}
    </Stack>
  );
}

/** The create form, or the information message when only administrators may create tokens. */
function CreateSection(props: {
  me: Me;
  onRestricted: () => void;
  onCreated: (token: CreatedToken) => void;
}): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const [refusedCreate, setRefusedCreate] = useState<ErrorBody | null>(null);

  async function create(input: NewToken): ReturnType<typeof call<'createToken'>> {
    const result = await call('createToken', input);
    if (!result.ok && result.error.code === 'TOKEN_CREATION_RESTRICTED') {
      setRefusedCreate(result.error);
      props.onRestricted();
    }
    return result;
  }

  function created(token: CreatedToken): void {
    notify.success(
      'Token created',
      `“${token.name}” is ready. Copy it now: it is shown only once.`,
    );
    props.onCreated(token);
  }

  return (
    <>
      {refusedCreate !== null && (
        <SectionMessage appearance="error" title="The token was not created">
          {errorMessage(refusedCreate)}
        </SectionMessage>
      )}
      {props.me.canCreateTokens ? (
        <Stack space="space.150">
          <Heading size="medium" as="h2">
            Create a token
          </Heading>
          <CreateTokenForm
            idPrefix="my-token"
            validityOptions={props.me.validityOptions}
            create={create}
            onCreated={created}
          />
        </Stack>
      ) : (
        <SectionMessage appearance="information" title="Only administrators may create tokens">
          Your administrators allow only administrators to create API tokens, and so to rotate them
          (rotating gives out a new secret). Ask one of them to create or rotate a token for you.
          Tokens you already have are listed below.
        </SectionMessage>
      )}
    </>
  );
}

/** The list of one's tokens with rename, rotate (when one may create tokens) and delete. */
function MyTokenList(props: {
  tokens: LoadHandle<{ tokens: PublicToken[] }>;
  open: (dialog: TokenDialog) => void;
  canRotate: boolean;
}): ReactElement {
  const { loaded, reload } = props.tokens;
  if (loaded.state === 'error') {
    return <LoadFailed what="your tokens" error={loaded.error} onRetry={reload} />;
  }
  return (
    <TokenTable
      label="Your API tokens"
      tokens={loaded.state === 'ready' ? loaded.data.tokens : []}
      isLoading={loaded.state === 'loading'}
      emptyDescription="Tokens you create appear here, with when they were last used and from where."
      actions={(token) => (
        <>
          <Button
            spacing="compact"
            aria-label={`Rename ${token.name}`}
            onClick={() => props.open({ kind: 'rename', token })}
          >
            Rename
          </Button>
          {props.canRotate && (
            <Button
              spacing="compact"
              aria-label={`Rotate ${token.name}`}
              onClick={() => props.open({ kind: 'rotate', token })}
            >
              Rotate
            </Button>
          )}
          <Button
            spacing="compact"
            aria-label={`Delete ${token.name}`}
            onClick={() => props.open({ kind: 'delete', token })}
          >
            Delete
          </Button>
        </>
      )}
    />
  );
}
