/** The user's token page: their tokens, and creating one when the settings allow it. */
import type { ReactElement } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { LoadFailed, Loading } from '../shared/LoadState';
import { MyTokens } from '../shared/MyTokens';
import { useLoad } from '../shared/use-load';

/** Loads who is signed in and what they may do, then shows their tokens. */
export function UserPage(): ReactElement {
  const me = useLoad('getMe', {});
  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Stack space="space.100">
          <Heading size="large" as="h1">
            API Tokens
          </Heading>
          <Text as="p">
            Use an API token instead of your password when a script or tool calls the REST API: send
            it with your username in Basic Auth, or as a Bearer token.
          </Text>
        </Stack>
        {me.loaded.state === 'loading' && <Loading label="Loading your tokens" />}
        {me.loaded.state === 'error' && (
          <LoadFailed what="your tokens" error={me.loaded.error} onRetry={me.reload} />
        )}
        {me.loaded.state === 'ready' && <MyTokens me={me.loaded.data} onRestricted={me.reload} />}
        {me.loaded.state === 'ready' && me.loaded.data.clientIp !== null && (
          <Text as="p" size="small" color="color.text.subtle">
            Your address, as the app sees it: {me.loaded.data.clientIp}. If your administrators
            restrict REST access by address, this is the address to give them.
          </Text>
        )}
      </Stack>
    </Box>
  );
}
