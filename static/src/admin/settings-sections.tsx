/** The sections of System-Wide Settings below Token Validity Time, and the save refusal. */
import type { ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ErrorBody, Me } from '../../../src/app/contract';
import { errorMessage, otherReasons } from '../shared/errors';
import { IpListEditor } from './IpListEditor';
import { IpTester } from './IpTester';
import { entriesToSend, rowsFrom, type IpRow } from './ip-rows';
import { listAllows } from './own-address';

/** Fields this tab shows next to their inputs; reasons for any other field are listed apart. */
const SHOWN = /^(maxValidity|ipAllowlist|trustedProxies|passwordAuthEnabled)(\[\d+\])?$/;

/** One edited list of addresses: its rows, their reasons, the list's reasons, the change. */
interface EditedListState {
  rows: IpRow[];
  errors: Map<number, string[]>;
  listErrors: string[];
  onChange: (rows: IpRow[]) => void;
}

/** Why the settings were not saved, above the Save button. */
export function SaveRefusal(props: { error: ErrorBody | null }): ReactElement | null {
  if (props.error === null) {
    return null;
  }
  const others = otherReasons(props.error, (field) => SHOWN.test(field));
  const hasDetails = (props.error.details ?? []).length > 0;
  return (
    <SectionMessage appearance="error" title="The settings were not saved">
      {hasDetails ? 'Correct the entries marked above and save again.' : errorMessage(props.error)}
      {others.map((reason) => (
        <Box key={reason}>{reason}</Box>
      ))}
    </SectionMessage>
  );
}

/** The allowed addresses, the address the app sees, and the address test. */
export function IpRestrictions(props: EditedListState & { me: Me }): ReactElement {
  const { me, ...list } = props;
  const own = me.clientIp;
  const listed = props.rows.some((row) => row.value.trim() === own);
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        IP Address Restrictions
      </Heading>
      <Text as="p">
        Only REST requests from these addresses and ranges are accepted, with tokens and with
        passwords alike. Enter single addresses (IPv4 or IPv6), CIDR ranges such as 10.0.0.0/8, or
        ranges such as 192.0.2.1-192.0.2.50.
      </Text>
      {props.rows.length === 0 && (
        <SectionMessage appearance="information">
          No addresses are listed: requests from every IP address are allowed.
        </SectionMessage>
      )}
      <EditedList {...list} entryLabel="Allowed address" addLabel="Add address" />
      <OwnAddressWarning own={own} rows={props.rows} />
      <YourAddress
        own={own}
        listed={listed}
        onAdd={() => props.onChange([...props.rows, ...rowsFrom([own ?? ''])])}
      />
      <Heading size="xsmall" as="h3">
        Test an address against the saved list
      </Heading>
      <IpTester defaultAddress={own} />
    </Stack>
  );
}

/** The proxies whose X-Forwarded-For the app believes. */
export function TrustedProxies(list: EditedListState): ReactElement {
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Trusted proxies
      </Heading>
      <Text as="p">
        Reverse proxies and load balancers in front of the app. Only when a request comes from one
        of these does the app read the client&apos;s address from X-Forwarded-For. Leave empty when
        clients connect directly.
      </Text>
      <EditedList {...list} entryLabel="Trusted proxy" addLabel="Add proxy" />
    </Stack>
  );
}

/** One list of addresses being edited, with the reasons refusing the list as a whole. */
function EditedList(
  props: EditedListState & { entryLabel: string; addLabel: string },
): ReactElement {
  return (
    <>
      <IpListEditor
        entryLabel={props.entryLabel}
        addLabel={props.addLabel}
        rows={props.rows}
        errors={props.errors}
        onChange={props.onChange}
      />
      {props.listErrors.map((reason) => (
        <Text key={reason} color="color.text.danger">
          {reason}
        </Text>
      ))}
    </>
  );
}

/**
 * A warning, not a block, while the edited list would refuse the administrator's own address:
 * the pages stay reachable, but REST calls from here would be refused once saved.
 */
function OwnAddressWarning(props: { own: string | null; rows: IpRow[] }): ReactElement | null {
  const { entries } = entriesToSend(props.rows);
  if (props.own === null || listAllows(props.own, entries) !== false) {
    return null;
  }
  return (
    <SectionMessage appearance="warning">
      {`Your address ${props.own} is not in the list: REST calls from here will be refused.`}
    </SectionMessage>
  );
}

/** The address the app sees for the administrator, with a button to add it to the list. */
function YourAddress(props: {
  own: string | null;
  listed: boolean;
  onAdd: () => void;
}): ReactElement {
  return (
    <Inline space="space.100" alignBlock="center">
      <Text>
        Your address, as the app sees it: <strong>{props.own ?? 'not known here'}</strong>
      </Text>
      {props.own !== null && !props.listed && (
        <Button spacing="compact" onClick={props.onAdd}>
          Add my address
        </Button>
      )}
    </Inline>
  );
}
