/** The System-Wide Settings form's state: the fields as edited, saving, and the refusal to show. */
import { useState, type FormEvent } from 'react';
import type { ErrorBody, Me } from '../../../src/app/contract';
import type { Settings, Validity } from '../../../src/core/types';
import { useNotify } from '../shared/flags';
import { useCall } from '../shared/operations';
import { entriesToSend, rowsFrom, type IpRow } from './ip-rows';
import { useResetOnSaved, useSaveSettings, type SettingsOwner } from './use-save-settings';

/** A refused save, with the row keys of each list as sent (to place per-entry reasons). */
export interface SettingsRefusal {
  error: ErrorBody;
  allowKeys: number[];
  proxyKeys: number[];
}

/** The fields as edited, their setters, the last refusal, and the save. */
export interface SettingsDraft {
  fields: {
    maxValidity: Validity | null;
    allowRows: IpRow[];
    proxyRows: IpRow[];
    passwordAuthEnabled: boolean;
  };
  set: {
    setMaxValidity: (value: Validity | null) => void;
    setAllowRows: (rows: IpRow[]) => void;
    setProxyRows: (rows: IpRow[]) => void;
    setPasswordAuthEnabled: (enabled: boolean) => void;
  };
  refusal: SettingsRefusal | null;
  busy: boolean;
  submit: (event: FormEvent) => Promise<void>;
}

/** The draft, its setters, and `submit`, which saves and then warns if the admin locked themselves out. */
export function useSettingsDraft(owner: SettingsOwner & { me: Me }): SettingsDraft {
  const save = useSaveSettings(owner);
  const warn = useOwnAddressWarning(owner.me);
  const [maxValidity, setMaxValidity] = useState<Validity | null>(owner.settings.maxValidity);
  const [allowRows, setAllowRows] = useState<IpRow[]>(() => rowsFrom(owner.settings.ipAllowlist));
  const [proxyRows, setProxyRows] = useState<IpRow[]>(() =>
    rowsFrom(owner.settings.trustedProxies),
  );
  const [passwordAuthEnabled, setPasswordAuthEnabled] = useState(
    owner.settings.passwordAuthEnabled,
  );
  const [refusal, setRefusal] = useState<SettingsRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  useResetOnSaved(owner.settings, (saved) => {
    setMaxValidity(saved.maxValidity);
    setAllowRows(rowsFrom(saved.ipAllowlist));
    setProxyRows(rowsFrom(saved.trustedProxies));
    setPasswordAuthEnabled(saved.passwordAuthEnabled);
  });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const allow = entriesToSend(allowRows);
    const proxies = entriesToSend(proxyRows);
    const next: Settings = {
      ...owner.settings,
      maxValidity: maxValidity ?? owner.settings.maxValidity,
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
      await warn(next);
    }
  }

  return {
    fields: { maxValidity, allowRows, proxyRows, passwordAuthEnabled },
    set: { setMaxValidity, setAllowRows, setProxyRows, setPasswordAuthEnabled },
    refusal,
    busy,
    submit,
  };
}

/** After a save: a warning flag when the saved list refuses the administrator's own address. */
function useOwnAddressWarning(me: Me): (saved: Settings) => Promise<void> {
  const call = useCall();
  const notify = useNotify();
  return async (saved) => {
    if (me.clientIp === null || saved.ipAllowlist.length === 0) {
      return;
    }
    const result = await call('checkIp', { ip: me.clientIp });
    if (result.ok && !result.data.allowed) {
      notify.warning(
        'Your own address is not allowed',
        `REST requests from ${me.clientIp} will now get 403 Forbidden.`,
      );
    }
  };
}
