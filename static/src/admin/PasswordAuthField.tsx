/** "Disable Basic Auth with passwords", with a warning of what it does when switched on. */
import type { ReactElement } from 'react';
import Toggle from '@atlaskit/toggle';
import Heading from '@atlaskit/heading';
import { Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';

const TOGGLE_ID = 'disable-password-auth';

/** On means passwords are refused on REST requests (passwordAuthEnabled false). */
export function PasswordAuthField(props: {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}): ReactElement {
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Basic Auth with passwords
      </Heading>
      <Inline space="space.100" alignBlock="center">
        <Toggle
          id={TOGGLE_ID}
          isChecked={!props.enabled}
          descriptionId={`${TOGGLE_ID}-description`}
          onChange={(event) => props.onChange(!event.currentTarget.checked)}
        />
        <Label htmlFor={TOGGLE_ID}>Disable Basic Auth with passwords</Label>
      </Inline>
      <Text as="p" id={`${TOGGLE_ID}-description`}>
        While passwords are allowed, a request whose credentials are not a valid token of that user
        goes on to the product&apos;s own password check.
      </Text>
      {!props.enabled && (
        <SectionMessage appearance="warning" title="Passwords will stop working for the REST API">
          After saving, a REST request whose credentials are not one of that user&apos;s API tokens
          gets 403 Forbidden, even with the right password. Scripts and integrations that still use
          passwords stop working until they use tokens. Signing in to the web pages is not affected.
        </SectionMessage>
      )}
    </Stack>
  );
}
