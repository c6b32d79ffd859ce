/**
 * The pages reach the app only through `call(functionKey, payload)`, which returns the
 * operation's OperationResult. Which transport carries it (Forge's invoke or the local bridge
 * endpoint) is decided once, when the page mounts; tests pass a fake.
 */
import { createContext, useContext, type ReactElement, type ReactNode } from 'react';
import type { OperationKey, OperationResult, Operations } from '../../../src/app/contract';

/** The payload of operation K. */
export type OperationInput<K extends OperationKey> = Operations[K]['input'];
/** The data of operation K's successful result. */
export type OperationOutput<K extends OperationKey> = Operations[K]['output'];

/** Runs one operation of the app as the person using the page. Never rejects. */
export type Call = <K extends OperationKey>(
  key: K,
  payload: OperationInput<K>,
) => Promise<OperationResult<OperationOutput<K>>>;

const OperationsContext = createContext<Call | null>(null);

/** Makes `call` available to every component below. */
export function OperationsProvider(props: { call: Call; children: ReactNode }): ReactElement {
  return (
    <OperationsContext.Provider value={props.call}>{props.children}</OperationsContext.Provider>
  );
}

/** The page's way to run operations. */
export function useCall(): Call {
  const call = useContext(OperationsContext);
  if (call === null) {
    throw new Error('useCall needs an OperationsProvider above it');
  }
  return call;
}
