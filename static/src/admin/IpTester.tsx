/** Tests an address against the saved IP Address Restrictions and shows which entry matched. */
import { useState, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { ErrorMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import type { ErrorBody, Operations } from '../../../src/app/contract';
import { errorMessage, fieldReasons } from '../shared/errors';
import { useCall } from '../shared/operations';

type CheckResult = Operations['checkIp']['output'];

const FIELD_ID = 'ip-test-address';

/**
 * An address box and a Test button (Enter in the box tests too); the answer says allowed or
 * refused, and by which entry. Not a form of its own: it sits inside the settings form.
 */
export function IpTester(props: { defaultAddress: string | null }): ReactElement {
  const call = useCall();
  const [address, setAddress] = useState(props.defaultAddress ?? '');
  const [answer, setAnswer] = useState<CheckResult | null>(null);
  const [refusal, setRefusal] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function test(): Promise<void> {
    setBusy(true);
    const result = await call('checkIp', { ip: address.trim() });
    setBusy(false);
    setAnswer(result.ok ? result.data : null);
    setRefusal(result.ok ? null : result.error);
  }

  const reasons = fieldReasons(refusal, 'ip');
  return (
    <div role="search" aria-label="Test an address">
      <Stack space="space.100">
        <Box>
          <Label htmlFor={FIELD_ID}>Address to test</Label>
          <Inline space="space.100" alignBlock="center">
            <Textfield
              id={FIELD_ID}
              value={address}
              width="large"
              isMonospaced
              isInvalid={reasons.length > 0}
              onChange={(event) => setAddress(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void test();
                }
              }}
            />
            <Button isLoading={busy} onClick={() => void test()}>
              Test
            </Button>
          </Inline>
          {reasons.map((reason) => (
            <ErrorMessage key={reason}>{reason}</ErrorMessage>
          ))}
        </Box>
        {refusal !== null && reasons.length === 0 && (
          <SectionMessage appearance="error">{errorMessage(refusal)}</SectionMessage>
        )}
        {answer !== null && <CheckAnswer answer={answer} />}
      </Stack>
    </div>
  );
}

function CheckAnswer(props: { answer: CheckResult }): ReactElement {
  const { ip, allowed, matchedEntry } = props.answer;
  if (!allowed) {
    return (
      <SectionMessage appearance="warning" title={`${ip} is refused`}>
        No entry of the saved list contains this address: its REST requests get 403 Forbidden.
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="success" title={`${ip} is allowed`}>
      {matchedEntry === null
        ? 'The saved list is empty, so every address is allowed.'
        : `It matches the entry ${matchedEntry}.`}
    </SectionMessage>
  );
}
