import { Group, Text } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import type { ConversationSummary } from '../../../shared/api';
import { ChannelTag } from './ChannelIcon';
import { ConversationStatusBadge } from './StatusBadges';

export function ConversationHeader({ summary }: { summary: ConversationSummary }) {
  const name = summary.customerName.trim() || summary.customerHandle;
  return (
    <div style={{ minWidth: 0 }}>
      <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
        <Text fw={600} size="lg" truncate="end" component="h2" m={0}>
          {name}
        </Text>
        <ConversationStatusBadge status={summary.status} />
      </Group>
      <Group gap={12} wrap="nowrap" c="dimmed" fz="sm" mt={2} style={{ minWidth: 0 }}>
        <ChannelTag channel={summary.channel} size={13} />
        <Text span size="sm" c="dimmed" truncate="end">
          {summary.customerHandle}
        </Text>
        <Group gap={3} wrap="nowrap" fz="sm">
          <IconUser size={12} aria-hidden />
          <Text span size="sm" c="dimmed" fs={summary.assigneeName ? undefined : 'italic'}>
            {summary.assigneeName ?? 'Unassigned'}
          </Text>
        </Group>
        {summary.subject && (
          <Text span size="sm" c="dimmed" truncate="end" title={summary.subject}>
            · {summary.subject}
          </Text>
        )}
      </Group>
    </div>
  );
}
