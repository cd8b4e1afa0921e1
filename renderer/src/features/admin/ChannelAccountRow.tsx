import { ActionIcon, Button, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPencil, IconPlugConnected, IconTrash } from '@tabler/icons-react';
import { CHANNEL_LABELS } from '../../../../shared/domain/channels';
import type { AdminChannelAccount } from '../../../../shared/sync/channel-accounts';
import { useTestChannelAccount } from '../../api/admin';
import { ChannelIcon } from '../../components/ChannelIcon';
import { errorMessage } from '../../transport';

type Props = {
  account: AdminChannelAccount;
  onEdit: (account: AdminChannelAccount) => void;
  onRemove: (account: AdminChannelAccount) => void;
};

/** One channel account: what it is, its team, and its test's result under the Test button. */
export function ChannelAccountRow({ account, onEdit, onRemove }: Props) {
  const test = useTestChannelAccount();
  const result = test.data;
  const failed = test.isError || (result !== undefined && !result.ok);
  const words = test.isError ? errorMessage(test.error) : result?.message;

  return (
    <Table.Tr data-testid="admin-channel-row" data-account={account.account}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <ChannelIcon channel={account.channel} />
          <Text size="sm">{CHANNEL_LABELS[account.channel]}</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {account.account}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {account.displayName}
        </Text>
      </Table.Td>
      <Table.Td data-testid="admin-channel-team">{account.teamName}</Table.Td>
      <Table.Td ta="right">{account.conversations}</Table.Td>
      <Table.Td maw={360}>
        <Group gap={8} wrap="nowrap" align="center">
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconPlugConnected size={13} />}
            loading={test.isPending}
            onClick={() => test.mutate(account.id)}
            aria-label={`Test ${account.displayName}`}
            data-testid="admin-channel-test"
          >
            Test
          </Button>
          <div
            role="status"
            aria-live="polite"
            data-testid="admin-channel-result"
            data-ok={words ? String(!failed) : undefined}
          >
            {test.isPending && (
              <Group gap={4} wrap="nowrap">
                <Loader size={12} />
                <Text size="xs">Asking the provider…</Text>
              </Group>
            )}
            {!test.isPending && words && (
              <Group gap={4} wrap="nowrap" align="flex-start">
                {failed ? (
                  <IconCircleX size={14} color="var(--cd-danger-text)" aria-hidden style={{ flexShrink: 0 }} />
                ) : (
                  <IconCircleCheck size={14} color="var(--cd-success-text)" aria-hidden style={{ flexShrink: 0 }} />
                )}
                <Text size="xs" style={{ color: failed ? 'var(--cd-danger-text)' : 'var(--cd-success-text)' }} lh={1.3}>
                  {words}
                </Text>
              </Group>
            )}
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Tooltip label="Edit name and team">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${account.displayName}`}
              onClick={() => onEdit(account)}
              data-testid="admin-channel-edit"
            >
              <IconPencil size={15} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${account.displayName}`}
              onClick={() => onRemove(account)}
              data-testid="admin-channel-remove"
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
