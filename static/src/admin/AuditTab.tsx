/** Audit Log tab (placeholder while the tab is built). */
import type { ReactElement } from 'react';

export function AuditTab(): ReactElement {
  return <div>Audit</div>;
}
