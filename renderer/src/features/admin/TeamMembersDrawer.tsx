import { Alert, Checkbox, Drawer, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { AdminTeam, AdminUser } from '../../../../shared/sync/admin';
import { useSetMember } from '../../api/admin';
import { errorMessage } from '../../transport';
import { ROLE_LABELS } from './format';

type Props = { team: AdminTeam | null; users: readonly AdminUser[]; onClose: () => void };

/** Who is in a team: each tick adds a user at once, each untick takes them out (admins are in every team). */
export function TeamMembersDrawer({ team, users, onClose }: Props) {
  const setMember = useSetMember();
  const [query, setQuery] = useState('');
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const candidates = users.filter(
    (user) => user.role !== 'admin' && words.every((word) => `${user.name} ${user.email}`.toLowerCase().includes(word)),
  );
  return (
    <Drawer
      opened={team !== null}
      onClose={() => {
        setQuery('');
        setMember.reset();
        onClose();
      }}
      position="right"
      size="sm"
      title={team ? `Members of ${team.name}` : ''}
      data-testid="admin-members-drawer"
    >
      {team && (
        <Stack gap="sm">
          <TextInput
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder="Find by name or email"
            aria-label="Find people"
            value={query}
            data-autofocus
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          {setMember.isError && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
              {errorMessage(setMember.error)}
            </Alert>
          )}
          {candidates.length === 0 && (
            <Text size="sm" c="dimmed">
              {users.length === 0 ? 'No users to add yet.' : 'Nobody matches.'}
            </Text>
          )}
          {candidates.map((user) => {
            const member = team.memberIds.includes(user.id);
            const pending = setMember.isPending && setMember.variables.userId === user.id;
            return (
              <Group key={user.id} justify="space-between" wrap="nowrap">
                <Checkbox
                  checked={member}
                  disabled={setMember.isPending}
                  onChange={() => setMember.mutate({ teamId: team.id, userId: user.id, member: !member })}
                  label={
                    <Text size="sm" c={user.active ? undefined : 'dimmed'}>
                      {user.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {ROLE_LABELS[user.role]} · {user.email}
                        {user.active ? '' : ' · deactivated'}
                      </Text>
                    </Text>
                  }
                  data-testid="admin-member-checkbox"
                  data-email={user.email}
                />
                {pending && <Loader size={12} aria-label="Saving" />}
              </Group>
            );
          })}
        </Stack>
      )}
    </Drawer>
  );
}
