/** Saves the settings object as a whole, with the version it was loaded with. */
import { useCallback, useState } from 'react';
import type { ErrorBody } from '../../../src/app/contract';
import type { Settings } from '../../../src/core/types';
import { useNotify } from '../shared/flags';
import { useCall } from '../shared/operations';

/** What a settings tab gets from the page: the saved settings and what to do after a save. */
export interface SettingsOwner {
  settings: Settings;
  /** The saved settings replace the page's copy. */
  onSaved: (settings: Settings) => void;
  /** Someone else saved first: the page loads the current settings. */
  onStale: () => void;
}

/**
 * Returns a save function: null on success, or the refusal to show next to the fields. A stale
 * version reloads the settings and says so in a flag, because the form is redrawn.
 */
export function useSaveSettings(
  owner: SettingsOwner,
): (next: Settings) => Promise<ErrorBody | null> {
  const call = useCall();
  const notify = useNotify();
  const { onSaved, onStale } = owner;
  return useCallback(
    async (next: Settings) => {
      const result = await call('saveSettings', next);
      if (result.ok) {
        notify.success(
          'Settings saved',
          'The new settings apply to every REST request from now on.',
        );
        onSaved(result.data);
        return null;
      }
      if (result.error.code === 'VERSION_CONFLICT') {
        notify.failure(
          'Settings not saved',
          'Another administrator saved the settings after this page loaded them. The page now shows the current settings: make your change again.',
        );
        if (result.error.current === undefined) {
          onStale();
        } else {
          onSaved(result.error.current);
        }
        return null;
      }
      return result.error;
    },
    [call, notify, onSaved, onStale],
  );
}

/**
 * Calls `reset` (during render) whenever the saved settings are replaced: after a save, a
 * conflict or a reload, the form shows the settings as stored. The form is not remounted, so
 * keyboard focus stays where it was (on Save).
 */
export function useResetOnSaved(settings: Settings, reset: (settings: Settings) => void): void {
  const [shown, setShown] = useState(settings);
  if (shown !== settings) {
    setShown(settings);
    reset(settings);
  }
}
