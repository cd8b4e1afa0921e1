import { ActionIcon, Badge, Button, Group, Loader, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconSearch, IconUserCheck, IconUserOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { AdminUser } from '../../../../shared/sync/admin';
import type { Role } from '../../../../shared/domain/entities';
import { useAdminTeams, useAdminUsers, useUpdateUser } from '../../api/admin';
import { useSession } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyView } from '../../components/StateViews';
import { errorMessage } from '../../transport';
import { describeLimit, FILLED, ROLE_LABELS, ROLE_OPTIONS } from './format';
import { ListStates } from './ListStates';
import { UserFormModal } from './UserFormModal';

const ANY_ROLE = '*';

/** Every user: find them, create one, edit one (name, role, teams, refund limit), deactivate or reactivate. */
export function UsersTab() {
  const me = useSession().data?.user;
  const users = useAdminUsers();
  const teams = useAdminTeams();
  const update = useUpdateUser();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);

  const teamNames = useMemo(() => new Map((teams.data?.teams ?? []).map((team) => [team.id, team.name])), [teams.data]);
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return (users.data?.users ?? []).filter(
      (user) =>
        (role === null || user.role === role) &&
        words.every((word) => `${user.name} ${user.email}`.toLowerCase().includes(word)),
    );
  }, [users.data, query, role]);

  const toggleActive = () => {
    if (!toggling) return;
    const active = !toggling.active;
    update.mutate(
      { userId: toggling.id, patch: { active } },
      {
        onSuccess: ({ user }) => {
          setToggling(null);
          notifications.show({
            message: `${user.name} ${active ? 'can sign in again' : 'is deactivated and signed out'}.`,
            color: 'teal',
          });
        },
        onError: (error) =>
          notifications.show({ title: 'Nothing changed', message: errorMessage(error), color: 'red' }),
      },
    );
  };

  return (
    <>
      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="xs">
          <TextInput
            size="xs"
            w={260}
            leftSection={<IconSearch size={14} />}
            placeholder="Find by name or email"
            aria-label="Find users by name or email"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            data-testid="admin-user-search"
          />
          <Select
            size="xs"
            w={150}
            aria-label="Role"
            value={role ?? ANY_ROLE}
            allowDeselect={false}
            onChange={(value) => setRole(value === null || value === ANY_ROLE ? null : value)}
            data={[{ value: ANY_ROLE, label: 'Every role' }, ...ROLE_OPTIONS]}
          />
          {users.isFetching && !users.isPending && <Loader size={14} aria-label="Refreshing" />}
        </Group>
        <Button
          size="xs"
          color={FILLED}
          leftSection={<IconUserPlus size={14} />}
          onClick={() => setEditing('new')}
          disabled={!users.data}
          data-testid="admin-new-user"
        >
          New user
        </Button>
      </Group>

      <ListStates query={users} what="users" />
      {users.data && shown.length === 0 && (
        <EmptyView
          icon={<IconUsers size={22} />}
          title={users.data.users.length === 0 ? 'No users yet' : 'No user matches'}
          description={users.data.users.length === 0 ? 'Create the first one.' : 'Try another name, email or role.'}
        />
      )}
      {shown.length > 0 && (
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="admin-users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Teams</Table.Th>
              <Table.Th>Refund limit</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((user) => (
              <Table.Tr
                key={user.id}
                data-testid="admin-user-row"
                data-email={user.email}
                c={user.active ? undefined : 'dimmed'}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {user.name}
                    </Text>
                    {!user.active && (
                      <Badge size="xs" color="gray" variant="outline">
                        Deactivated
                      </Badge>
                    )}
                    {user.id === me?.id && (
                      <Badge size="xs" color="indigo" variant="light">
                        You
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td data-testid="admin-user-role">{ROLE_LABELS[user.role]}</Table.Td>
                <Table.Td>
                  {user.role === 'admin' ? (
                    <Text size="xs" c="dimmed">
                      Every team
                    </Text>
                  ) : user.teamIds.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      None
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {user.teamIds.map((id) => (
                        <Badge key={id} size="xs" variant="light" color="gray">
                          {teamNames.get(id) ?? id}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>{describeLimit(user.role, user.refundLimitCents)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label="Edit">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Edit ${user.name}`}
                        onClick={() => setEditing(user)}
                        data-testid="admin-user-edit"
                      >
                        <IconPencil size={15} />
                      </ActionIcon>
                    </Tooltip>
                    {user.id !== me?.id && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={user.active ? 'red' : 'teal'}
                        // The scheme's readable text shade (subtle buttons are drawn white in the dark scheme).
                        c={user.active ? 'var(--mantine-color-red-text)' : 'var(--mantine-color-teal-text)'}
                        leftSection={user.active ? <IconUserOff size={13} /> : <IconUserCheck size={13} />}
                        onClick={() => setToggling(user)}
                        data-testid="admin-user-toggle"
                      >
                        {user.active ? 'Deactivate' : 'Reactivate'}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {editing !== null && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          teams={teams.data?.teams ?? []}
          isSelf={editing !== 'new' && editing.id === me?.id}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        reason={toggling}
        busy={update.isPending}
        onCancel={() => setToggling(null)}
        onConfirm={toggleActive}
        describe={(user) =>
          user.active
            ? {
                title: `Deactivate ${user.name}?`,
                message: `${user.name} is signed out everywhere at once and cannot sign in until reactivated.`,
                consequence: 'Nothing of theirs is deleted: their messages, notes and audit history stay.',
                cancel: 'Keep active',
                confirm: 'Deactivate',
                danger: true,
              }
            : {
                title: `Reactivate ${user.name}?`,
                message: `${user.name} can sign in again with their password.`,
                consequence: null,
                cancel: 'Cancel',
                confirm: 'Reactivate',
                danger: false,
              }
        }
        testIds={{
          dialog: 'admin-toggle-dialog',
          message: 'admin-toggle-message',
          cancel: 'admin-toggle-cancel',
          confirm: 'admin-toggle-confirm',
        }}
      />
    </>
  );
}
