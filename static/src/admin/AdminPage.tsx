/** The administrators' page: four tabs, as Jira's and Confluence's admin areas show it. */
import type { ReactElement } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box, Stack } from '@atlaskit/primitives';
import type { Me } from '../../../src/app/contract';
import { useTabRoute } from '../runtime/tab-route';
import { LoadFailed, Loading } from '../shared/LoadState';
import { useLoad } from '../shared/use-load';
import { AuditTab } from './AuditTab';
import { PermissionsTab } from './PermissionsTab';
import { SettingsTab } from './SettingsTab';
import { TokensTab } from './TokensTab';

/** Tab names as the admin guide calls them, with the URL fragment that opens each. */
export const ADMIN_TABS = [
  { name: 'System-Wide Settings', fragment: 'settings' },
  { name: 'API Tokens', fragment: 'tokens' },
  { name: 'Permissions', fragment: 'permissions' },
  { name: 'Audit Log', fragment: 'audit' },
] as const;

const TAB_FRAGMENTS = ADMIN_TABS.map((tab) => tab.fragment);

/** Checks who is signed in first: only administrators see any setting. */
export function AdminPage(): ReactElement {
  const me = useLoad('getMe', {});
  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          API Token Authentication
        </Heading>
        {me.loaded.state === 'loading' && <Loading label="Loading" />}
        {me.loaded.state === 'error' && (
          <LoadFailed what="the page" error={me.loaded.error} onRetry={me.reload} />
        )}
        {me.loaded.state === 'ready' &&
          (me.loaded.data.isAdmin ? (
            <AdminTabs me={me.loaded.data} onMeChanged={me.reload} />
          ) : (
            <AdminsOnly />
          ))}
      </Stack>
    </Box>
  );
}

function AdminsOnly(): ReactElement {
  return (
    <SectionMessage appearance="warning" title="Administrators only">
      Only administrators may use this page. You can manage your own API tokens on your profile
      page.
    </SectionMessage>
  );
}

type SettingsTabProps = Parameters<typeof SettingsTab>[0];

/** Settings loaded once for the two tabs that edit them; a save replaces them for both. */
function useSettingsPanel(props: {
  me: Me;
  onMeChanged: () => void;
}): (render: (owner: SettingsTabProps) => ReactElement) => ReactElement {
  const settings = useLoad('getSettings', {});
  const { loaded, replace, reload } = settings;
  return (render) => {
    if (loaded.state === 'loading') {
      return <Loading label="Loading the settings" />;
    }
    if (loaded.state === 'error') {
      return <LoadFailed what="the settings" error={loaded.error} onRetry={reload} />;
    }
    const onSaved = (saved: typeof loaded.data): void => {
      replace(saved);
      props.onMeChanged();
    };
    return render({ settings: loaded.data, onSaved, onStale: reload, me: props.me });
  };
}

function AdminTabs(props: { me: Me; onMeChanged: () => void }): ReactElement {
  const settingsPanel = useSettingsPanel(props);
  const [selected, setSelected] = useTabRoute(TAB_FRAGMENTS);
  const panels = [
    settingsPanel((owner) => <SettingsTab key="settings" {...owner} />),
    <TokensTab key="tokens" me={props.me} />,
    settingsPanel((owner) => <PermissionsTab key="permissions" {...owner} />),
    <AuditTab key="audit" />,
  ];

  return (
    <Tabs id="admin-tabs" selected={selected} onChange={(index) => setSelected(index)}>
      <TabList>
        {ADMIN_TABS.map((tab) => (
          <Tab key={tab.fragment}>{tab.name}</Tab>
        ))}
      </TabList>
      {panels.map((panel, index) => (
        <TabPanel key={ADMIN_TABS[index]?.fragment}>
          <Panel>{panel}</Panel>
        </TabPanel>
      ))}
    </Tabs>
  );
}

function Panel(props: { children: ReactElement }): ReactElement {
  return (
    <Box paddingBlockStart="space.300" style={{ width: '100%' }}>
      {props.children}
    </Box>
  );
}
