import { Button, Group, Loader, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { AdminChannelAccount } from '../../../../shared/sync/channel-accounts';
import { useAdminTeams, useChannelAccounts, useRemoveChannelAccount } from '../../api/admin';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyView } from '../../components/StateViews';
import { errorMessage } from '../../transport';
import { ChannelAccountModal } from './ChannelAccountModal';
import { ChannelAccountRow } from './ChannelAccountRow';
import { ListStates } from './ListStates';
import { FILLED } from './format';

/** The brand's accounts on each channel and the team answering each: add, edit, remove, test. */
export function ChannelsTab() {
  const accounts = useChannelAccounts();
  const teams = useAdminTeams();
  const remove = useRemoveChannelAccount();
  const [editing, setEditing] = useState<AdminChannelAccount | 'new' | null>(null);
  const [removing, setRemoving] = useState<AdminChannelAccount | null>(null);

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(
      { accountId: removing.id },
      {
        onSuccess: () => {
          notifications.show({ message: `${removing.displayName} is removed.`, color: 'teal' });
          setRemoving(null);
        },
        onError: (error) =>
          notifications.show({ title: 'Nothing changed', message: errorMessage(error), color: 'red' }),
      },
    );
  };

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            A message to one of these accounts opens its conversation in the account&apos;s team.
          </Text>
          {accounts.isFetching && !accounts.isPending && <Loader size={14} aria-label="Refreshing" />}
        </Group>
        <Button
          size="xs"
          color={FILLED}
          leftSection={<IconPlus size={14} />}
          onClick={() => setEditing('new')}
          disabled={!accounts.data || !teams.data}
          data-testid="admin-new-channel"
        >
          Add account
        </Button>
      </Group>
      <ListStates query={accounts} what="channel accounts" />
      {accounts.data?.accounts.length === 0 && (
        <EmptyView
          icon={<IconPlugConnected size={22} />}
          title="No channel accounts yet"
          description="Add the brand's number, page or address on each channel, and the team that answers it. Until then, new conversations open in the first team."
        />
      )}
      {accounts.data && accounts.data.accounts.length > 0 && (
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="admin-channels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Channel</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>Display name</Table.Th>
              <Table.Th>Team</Table.Th>
              <Table.Th ta="right">Conversations</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.data.accounts.map((account) => (
              <ChannelAccountRow key={account.id} account={account} onEdit={setEditing} onRemove={setRemoving} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing !== null && (
        <ChannelAccountModal
          account={editing === 'new' ? null : editing}
          teams={teams.data?.teams ?? []}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        reason={removing}
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={confirmRemove}
        describe={(account) => ({
          title: `Remove ${account.displayName}?`,
          message: `Messages to ${account.account} will open their conversations in the first team instead of ${account.teamName}.`,
          consequence:
            account.conversations > 0
              ? `${account.conversations} conversations talk to it: the server will refuse. Give it to another team instead.`
              : 'The removal is kept in the audit log.',
          cancel: 'Keep it',
          confirm: 'Remove',
          danger: true,
        })}
        testIds={{
          dialog: 'admin-channel-remove-dialog',
          message: 'admin-channel-remove-message',
          cancel: 'admin-channel-remove-cancel',
          confirm: 'admin-channel-remove-confirm',
        }}
      />
    </>
  );
}
