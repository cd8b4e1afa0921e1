import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { useSession } from '../../api/session';
import { initials } from '../../lib/team';
import { SignOutButton } from '../signout/SignOutButton';

export function UserBox() {
  const session = useSession();
  const user = session.data?.user;
  if (!user) return null;
  return (
    <Group gap={8} wrap="nowrap">
      <Tooltip label={`${user.email} · ${user.role}`}>
        <Group gap={6} wrap="nowrap" data-testid="signed-in-user">
          <Avatar size={24} radius="xl" color="indigo" variant="light">
            {initials(user.name)}
          </Avatar>
          <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }} data-testid="signed-in-name">
            {user.name}
          </Text>
        </Group>
      </Tooltip>
      <SignOutButton />
    </Group>
  );
}
