import { ActionIcon, Badge, Button, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { AdminTeam } from '../../../../shared/sync/admin';
import { useAdminTeams, useAdminUsers } from '../../api/admin';
import { EmptyView } from '../../components/StateViews';
import { ListStates } from './ListStates';
import { FILLED } from './format';
import { TeamMembersDrawer } from './TeamMembersDrawer';
import { TeamNameModal } from './TeamNameModal';

/** Every team: create one, rename one, add or take out its members. */
export function TeamsTab() {
  const teams = useAdminTeams();
  const users = useAdminUsers();
  const [naming, setNaming] = useState<AdminTeam | 'new' | null>(null);
  const [membersOf, setMembersOf] = useState<string | null>(null);
  const names = useMemo(() => new Map((users.data?.users ?? []).map((user) => [user.id, user.name])), [users.data]);
  const open = teams.data?.teams.find((team) => team.id === membersOf) ?? null;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Admins belong to every team.
          </Text>
          {teams.isFetching && !teams.isPending && <Loader size={14} aria-label="Refreshing" />}
        </Group>
        <Button
          size="xs"
          color={FILLED}
          leftSection={<IconPlus size={14} />}
          onClick={() => setNaming('new')}
          disabled={!teams.data}
          data-testid="admin-new-team"
        >
          New team
        </Button>
      </Group>
      <ListStates query={teams} what="teams" />
      {teams.data?.teams.length === 0 && (
        <EmptyView icon={<IconUsersGroup size={22} />} title="No teams yet" description="Create the first one." />
      )}
      {teams.data && teams.data.teams.length > 0 && (
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="admin-teams">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Team</Table.Th>
              <Table.Th>Members</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teams.data.teams.map((team) => (
              <Table.Tr key={team.id} data-testid="admin-team-row" data-name={team.name}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {team.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {team.memberIds.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      No members yet
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {team.memberIds.map((id) => (
                        <Badge key={id} size="xs" variant="light" color="gray" tt="none">
                          {names.get(id) ?? id}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label="Rename">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Rename ${team.name}`}
                        onClick={() => setNaming(team)}
                        data-testid="admin-team-rename"
                      >
                        <IconPencil size={15} />
                      </ActionIcon>
                    </Tooltip>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconUserPlus size={13} />}
                      onClick={() => setMembersOf(team.id)}
                      data-testid="admin-team-members"
                    >
                      Members
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {naming !== null && <TeamNameModal team={naming === 'new' ? null : naming} onClose={() => setNaming(null)} />}
      <TeamMembersDrawer team={open} users={users.data?.users ?? []} onClose={() => setMembersOf(null)} />
    </>
  );
}
