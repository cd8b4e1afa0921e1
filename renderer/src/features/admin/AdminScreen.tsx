import { ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { IconPlugConnected, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { ChannelsTab } from './ChannelsTab';
import { TeamsTab } from './TeamsTab';
import { UsersTab } from './UsersTab';

type Tab = 'users' | 'teams' | 'channels';
const TABS: readonly Tab[] = ['users', 'teams', 'channels'];

/**
 * Users, teams and channel accounts of the organisation, as the server holds them: an admin creates
 * and changes them here.
 */
export function AdminScreen() {
  const [tab, setTab] = useState<Tab>('users');
  return (
    <ScrollArea h="100%" type="auto" data-testid="admin-screen">
      <Stack gap="sm" p="md" maw={1400} mx="auto">
        <Text component="h1" fw={700} size="lg" m={0}>
          Users, teams and channels
        </Text>
        <Tabs
          value={tab}
          onChange={(value) => setTab(TABS.find((name) => name === value) ?? 'users')}
          keepMounted={false}
        >
          <Tabs.List mb="sm">
            <Tabs.Tab value="users" leftSection={<IconUsers size={14} />} data-testid="admin-users-tab">
              Users
            </Tabs.Tab>
            <Tabs.Tab value="teams" leftSection={<IconUsersGroup size={14} />} data-testid="admin-teams-tab">
              Teams
            </Tabs.Tab>
            <Tabs.Tab value="channels" leftSection={<IconPlugConnected size={14} />} data-testid="admin-channels-tab">
              Channels
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="users">
            <UsersTab />
          </Tabs.Panel>
          <Tabs.Panel value="teams">
            <TeamsTab />
          </Tabs.Panel>
          <Tabs.Panel value="channels">
            <ChannelsTab />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
