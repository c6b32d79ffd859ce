/** System-Wide Settings: Token Validity Time, IP Address Restrictions, trusted proxies, password Basic Auth. */
import type { ReactElement } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { Me } from '../../../src/app/contract';
import { VALIDITY_OPTIONS, type Validity } from '../../../src/core/types';
import { fieldReasons } from '../shared/errors';
import { ValidityField } from '../shared/token-fields';
import { rowErrors } from './ip-rows';
import { PasswordAuthField } from './PasswordAuthField';
import { IpRestrictions, SaveRefusal, TrustedProxies } from './settings-sections';
import type { SettingsOwner } from './use-save-settings';
import { useSettingsDraft } from './use-settings-draft';

/** The order the admin guide lists them in. */
const VALIDITY_CHOICES: readonly Validity[] = [
  'never',
  ...VALIDITY_OPTIONS.filter((value) => value !== 'never'),
];

/** The tab's form; it starts again from the saved settings whenever they are replaced. */
export function SettingsTab(props: SettingsOwner & { me: Me }): ReactElement {
  const { fields, set, refusal, busy, submit } = useSettingsDraft(props);
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
            value={fields.maxValidity}
            errors={fieldReasons(error, 'maxValidity')}
            helper="Users choose any validity up to this one. Lowering it also shortens existing tokens."
            onChange={set.setMaxValidity}
          />
        </Stack>
        <IpRestrictions
          me={props.me}
          rows={fields.allowRows}
          onChange={set.setAllowRows}
          errors={rowErrors(error, 'ipAllowlist', refusal?.allowKeys ?? [])}
          listErrors={fieldReasons(error, 'ipAllowlist')}
        />
        <TrustedProxies
          rows={fields.proxyRows}
          onChange={set.setProxyRows}
          errors={rowErrors(error, 'trustedProxies', refusal?.proxyKeys ?? [])}
          listErrors={fieldReasons(error, 'trustedProxies')}
        />
        <PasswordAuthField
          enabled={fields.passwordAuthEnabled}
          onChange={set.setPasswordAuthEnabled}
        />
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
