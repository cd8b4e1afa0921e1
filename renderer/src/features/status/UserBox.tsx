import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKeyboard, IconSettings } from '@tabler/icons-react';
import { useSession } from '../../api/session';
import { initials } from '../../lib/team';
import { useKeymapStore } from '../keymap/registry';
import { SignOutButton } from '../signout/SignOutButton';

/** The signed-in rep, with a menu for the keyboard shortcuts and settings, and sign-out. */
export function UserBox() {
  const session = useSession();
  const setHelpOpen = useKeymapStore((state) => state.setHelpOpen);
  const setSettingsOpen = useKeymapStore((state) => state.setSettingsOpen);
  const user = session.data?.user;
  if (!user) return null;
  return (
    <Group gap={8} wrap="nowrap">
      <Menu position="bottom-end" shadow="md" width={220}>
        <Menu.Target>
          <UnstyledButton aria-label={`${user.name}: user menu`} data-testid="user-menu">
            <Group gap={6} wrap="nowrap" data-testid="signed-in-user">
              <Avatar size={24} radius="xl" color="indigo" variant="light">
                {initials(user.name)}
              </Avatar>
              <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }} data-testid="signed-in-name">
                {user.name}
              </Text>
              <IconChevronDown size={12} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {user.email} · {user.role}
          </Menu.Label>
          <Menu.Item leftSection={<IconKeyboard size={14} />} onClick={() => setHelpOpen(true)}>
            Keyboard shortcuts
          </Menu.Item>
          <Menu.Item
            leftSection={<IconSettings size={14} />}
            onClick={() => setSettingsOpen(true)}
            data-testid="open-keymap-settings"
          >
            Keyboard settings…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SignOutButton />
    </Group>
  );
}
