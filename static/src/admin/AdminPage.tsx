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

function AdminTabs(props: { me: Me; onMeChanged: () => void }): ReactElement {
  const settings = useLoad('getSettings', {});
  const [selected, setSelected] = useTabRoute(TAB_FRAGMENTS);
  const { loaded } = settings;
  const settingsPanel = (
    render: (owner: Parameters<typeof SettingsTab>[0]) => ReactElement,
  ): ReactElement => {
    if (loaded.state === 'loading') {
      return <Loading label="Loading the settings" />;
    }
    if (loaded.state === 'error') {
      return <LoadFailed what="the settings" error={loaded.error} onRetry={settings.reload} />;
    }
    const owner = {
      settings: loaded.data,
      onSaved: (saved: typeof loaded.data) => {
        settings.replace(saved);
        props.onMeChanged();
      },
      onStale: settings.reload,
      me: props.me,
    };
    return render(owner);
  };

  return (
    <Tabs id="admin-tabs" selected={selected} onChange={(index) => setSelected(index)}>
      <TabList>
        {ADMIN_TABS.map((tab) => (
          <Tab key={tab.fragment}>{tab.name}</Tab>
        ))}
      </TabList>
      <TabPanel>
        <Panel>
          {settingsPanel((owner) => (
            <SettingsTab key={owner.settings.version} {...owner} />
          ))}
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <TokensTab me={props.me} />
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          {settingsPanel((owner) => (
            <PermissionsTab key={owner.settings.version} {...owner} />
          ))}
        </Panel>
      </TabPanel>
      <TabPanel>
        <Panel>
          <AuditTab />
        </Panel>
      </TabPanel>
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
