/** System-Wide Settings: Token Validity Time, IP Address Restrictions, trusted proxies, password Basic Auth. */
import { useState, type FormEvent, type ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ErrorBody, Me } from '../../../src/app/contract';
import { VALIDITY_OPTIONS, type Settings, type Validity } from '../../../src/core/types';
import { errorMessage, fieldReasons, otherReasons } from '../shared/errors';
import { useCall } from '../shared/operations';
import { useNotify } from '../shared/flags';
import { ValidityField } from '../shared/token-fields';
import { IpListEditor } from './IpListEditor';
import { IpTester } from './IpTester';
import { entriesToSend, rowErrors, rowsFrom, type IpRow } from './ip-rows';
import { PasswordAuthField } from './PasswordAuthField';
import { useSaveSettings, type SettingsOwner } from './use-save-settings';

/** The order the admin guide lists them in. */
const VALIDITY_CHOICES: readonly Validity[] = [
  'never',
  ...VALIDITY_OPTIONS.filter((value) => value !== 'never'),
];
const SHOWN = /^(maxValidity|ipAllowlist|trustedProxies|passwordAuthEnabled)(\[\d+\])?$/;

/** The tab's form; it starts again from the saved settings whenever they change (see `key` in AdminPage). */
export function SettingsTab(props: SettingsOwner & { me: Me }): ReactElement {
  const call = useCall();
  const notify = useNotify();
  const save = useSaveSettings(props);
  const [maxValidity, setMaxValidity] = useState<Validity | null>(props.settings.maxValidity);
  const [allowRows, setAllowRows] = useState<IpRow[]>(() => rowsFrom(props.settings.ipAllowlist));
  const [proxyRows, setProxyRows] = useState<IpRow[]>(() =>
    rowsFrom(props.settings.trustedProxies),
  );
  const [passwordAuthEnabled, setPasswordAuthEnabled] = useState(
    props.settings.passwordAuthEnabled,
  );
  const [refusal, setRefusal] = useState<{
    error: ErrorBody;
    allowKeys: number[];
    proxyKeys: number[];
  } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const allow = entriesToSend(allowRows);
    const proxies = entriesToSend(proxyRows);
    const next: Settings = {
      ...props.settings,
      maxValidity: maxValidity ?? props.settings.maxValidity,
      ipAllowlist: allow.entries,
      trustedProxies: proxies.entries,
      passwordAuthEnabled,
    };
    setBusy(true);
    const error = await save(next);
    setBusy(false);
    setRefusal(
      error === null ? null : { error, allowKeys: allow.rowKeys, proxyKeys: proxies.rowKeys },
    );
    if (error === null) {
      await warnIfOwnAddressRefused(next);
    }
  }

  async function warnIfOwnAddressRefused(next: Settings): Promise<void> {
    const own = props.me.clientIp;
    if (own === null || next.ipAllowlist.length === 0) {
      return;
    }
    const result = await call('checkIp', { ip: own });
    if (result.ok && !result.data.allowed) {
      notify.warning(
        'Your own address is not allowed',
        `REST requests from ${own} will now get 403 Forbidden.`,
      );
    }
  }

  const error = refusal?.error ?? null;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="System-Wide Settings">
      <Stack space="space.400">
        <Text as="p">
          These settings apply to everyone who calls the REST API with Basic Auth or a token.
        </Text>
        <Stack space="space.100">
          <Heading size="small" as="h2">
            Token Validity Time
          </Heading>
          <ValidityField
            id="max-validity"
            label="Maximum validity of a token"
            options={VALIDITY_CHOICES}
            value={maxValidity}
            errors={fieldReasons(error, 'maxValidity')}
            helper="Users choose any validity up to this one. Lowering it also shortens existing tokens."
            onChange={setMaxValidity}
          />
        </Stack>
        <IpRestrictions
          me={props.me}
          rows={allowRows}
          onChange={setAllowRows}
          errors={rowErrors(error, 'ipAllowlist', refusal?.allowKeys ?? [])}
          listErrors={fieldReasons(error, 'ipAllowlist')}
        />
        <TrustedProxies
          rows={proxyRows}
          onChange={setProxyRows}
          errors={rowErrors(error, 'trustedProxies', refusal?.proxyKeys ?? [])}
          listErrors={fieldReasons(error, 'trustedProxies')}
        />
        <PasswordAuthField enabled={passwordAuthEnabled} onChange={setPasswordAuthEnabled} />
        <SaveRefusal error={error} />
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={busy}>
            Save
          </Button>
          <Button appearance="subtle" onClick={props.onStale}>
            Discard changes
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function SaveRefusal(props: { error: ErrorBody | null }): ReactElement | null {
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

function IpRestrictions(props: {
  me: Me;
  rows: IpRow[];
  errors: Map<number, string[]>;
  listErrors: string[];
  onChange: (rows: IpRow[]) => void;
}): ReactElement {
  const own = props.me.clientIp;
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
      <IpListEditor
        entryLabel="Allowed address"
        addLabel="Add address"
        rows={props.rows}
        errors={props.errors}
        onChange={props.onChange}
      />
      {props.listErrors.map((reason) => (
        <Text key={reason} color="color.text.danger">
          {reason}
        </Text>
      ))}
      <Inline space="space.100" alignBlock="center">
        <Text>
          Your address, as the app sees it: <strong>{own ?? 'not known here'}</strong>
        </Text>
        {own !== null && !listed && (
          <Button
            spacing="compact"
            onClick={() => props.onChange([...props.rows, ...rowsFrom([own])])}
          >
            Add my address
          </Button>
        )}
      </Inline>
      <Heading size="xsmall" as="h3">
        Test an address against the saved list
      </Heading>
      <IpTester defaultAddress={own} />
    </Stack>
  );
}

function TrustedProxies(props: {
  rows: IpRow[];
  errors: Map<number, string[]>;
  listErrors: string[];
  onChange: (rows: IpRow[]) => void;
}): ReactElement {
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
      <IpListEditor
        entryLabel="Trusted proxy"
        addLabel="Add proxy"
        rows={props.rows}
        errors={props.errors}
        onChange={props.onChange}
      />
      {props.listErrors.map((reason) => (
        <Text key={reason} color="color.text.danger">
          {reason}
        </Text>
      ))}
    </Stack>
  );
}
