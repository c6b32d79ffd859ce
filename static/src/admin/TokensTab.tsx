/** API Tokens: the administrator's own tokens, tokens for any user, every user's tokens, failed attempts. */
import { useCallback, useState, type ReactElement } from 'react';
import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives';
import type { Me } from '../../../src/app/contract';
import { MyTokens } from '../shared/MyTokens';
import { AllTokens } from './AllTokens';
import { CreateForUser } from './CreateForUser';
import { FailuresPanel } from './FailuresPanel';

/** The sections reload each other through one change counter. */
export function TokensTab(props: { me: Me }): ReactElement {
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges((count) => count + 1), []);
  return (
    <Stack space="space.500">
      <MyTokens me={props.me} onRestricted={changed} changes={changes} onChanged={changed} />
      <Section title="Create a token for a user">
        <Text as="p">
          Administrators may create tokens for any user, also when only admins may create tokens.
        </Text>
        <CreateForUser me={props.me} onCreated={changed} />
      </Section>
      <Section title="All tokens">
        <AllTokens changes={changes} onChanged={changed} />
      </Section>
      <Section title="Failed attempts">
        <FailuresPanel changes={changes} />
      </Section>
    </Stack>
  );
}

function Section(props: { title: string; children: ReactElement | ReactElement[] }): ReactElement {
  return (
    <Stack space="space.150">
      <Heading size="medium" as="h2">
        {props.title}
      </Heading>
      {props.children}
    </Stack>
  );
}
