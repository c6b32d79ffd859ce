/** What a section shows while its data loads or when loading failed. */
import type { ReactElement } from 'react';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box } from '@atlaskit/primitives';
import type { ErrorBody } from '../../../src/app/contract';
import { errorMessage } from './errors';

/** A spinner with a label for screen readers. */
export function Loading(props: { label: string }): ReactElement {
  return (
    <Box padding="space.300" role="status">
      <Spinner size="large" label={props.label} />
    </Box>
  );
}

/** The server's reason, and a way to try again. */
export function LoadFailed(props: {
  what: string;
  error: ErrorBody;
  onRetry: () => void;
}): ReactElement {
  return (
    <SectionMessage
      appearance="error"
      title={`Could not load ${props.what}`}
      actions={<SectionMessageAction onClick={props.onRetry}>Try again</SectionMessageAction>}
    >
      {errorMessage(props.error)}
    </SectionMessage>
  );
}
