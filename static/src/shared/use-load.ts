/** Loads an operation's result for a component: loading, error and ready states, and reload. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, OperationKey } from '../../../src/app/contract';
import { useCall, type OperationInput, type OperationOutput } from './operations';

/** Where a load stands. */
export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: ErrorBody } | { state: 'ready'; data: T };

/** A load and the ways to redo or replace it. */
export interface LoadHandle<T> {
  loaded: Loaded<T>;
  /** Loads again; the previous data stays on screen until the answer arrives. */
  reload: () => void;
  /** Replaces the data after a change the page made itself. */
  replace: (data: T) => void;
}

/**
 * Runs `key` with `payload` now and whenever the payload (or `options.refresh`, a counter other
 * sections raise after a change) changes; the latest answer wins.
 */
export function useLoad<K extends OperationKey>(
  key: K,
  payload: OperationInput<K>,
  options: { refresh?: number } = {},
): LoadHandle<OperationOutput<K>> {
  const call = useCall();
  const [loaded, setLoaded] = useState<Loaded<OperationOutput<K>>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const payloadKey = JSON.stringify(payload);
  const refresh = options.refresh ?? 0;

  useEffect(() => {
    const request = ++latest.current;
    void call(key, JSON.parse(payloadKey) as OperationInput<K>).then((result) => {
      if (request !== latest.current) {
        return;
      }
      setLoaded(
        result.ok ? { state: 'ready', data: result.data } : { state: 'error', error: result.error },
      );
    });
  }, [call, key, payloadKey, generation, refresh]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: OperationOutput<K>) => {
    latest.current += 1;
    setLoaded({ state: 'ready', data });
  }, []);
  return { loaded, reload, replace };
}
