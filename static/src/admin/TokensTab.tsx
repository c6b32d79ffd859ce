/** API Tokens tab (placeholder while the tab is built). */
import type { ReactElement } from 'react';
import type { Me } from '../../../src/app/contract';

export function TokensTab(_props: { me: Me }): ReactElement {
  return <div>Tokens</div>;
}
