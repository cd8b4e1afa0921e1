import { Badge, Group, Text } from '@mantine/core';
import { IconRoute, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { useSlaPolicyOf } from '../api/inbox';
import { ChannelTag } from './ChannelIcon';
import { slaState } from '../../../shared/domain/sla';
import { SlaBadge } from './SlaBadge';
import { ConversationStatusBadge } from './StatusBadges';

type Props = {
  summary: ConversationSummary;
  now: number;
  /** Assign / resolve / snooze controls, on the right of the name. */
  actions?: ReactNode;
  /** Who else is viewing or typing, on the right of the details line. */
  presence?: ReactNode;
  /** The tags field, on a line of its own. */
  tags?: ReactNode;
  /** Why routing assigned it or returned it to the queue, in words; on a line of its own. */
  routingReason?: string | null;
  /** The priority control, beside the service level. */
  priority?: ReactNode;
};

export function ConversationHeader({ summary, now, actions, presence, tags, routingReason, priority }: Props) {
  const name = summary.customerName.trim() || summary.customerHandle;
  const pending = summary.pendingActions;
  const policyOf = useSlaPolicyOf();
  return (
    <div style={{ minWidth: 0 }}>
      <Group gap={8} wrap="wrap" justify="space-between" style={{ minWidth: 0, rowGap: 6 }}>
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 160px' }}>
          <Text fw={600} size="lg" truncate="end" component="h2" m={0}>
            {name}
          </Text>
          <ConversationStatusBadge status={summary.status} snoozedUntil={summary.snoozedUntil} now={now} />
          <SlaBadge sla={slaState(summary, now, policyOf(summary.teamId))} now={now} />
          {priority}
          {pending > 0 && (
            <Badge
              color="gray"
              variant="outline"
              title={`${pending} ${pending === 1 ? 'change' : 'changes'} of yours waiting to be sent`}
              data-testid="header-pending"
              style={{ flexShrink: 0 }}
            >
              {pending} pending
            </Badge>
          )}
        </Group>
        {actions}
      </Group>
      <Group gap={12} wrap="nowrap" c="dimmed" fz="sm" mt={2} style={{ minWidth: 0 }}>
        <ChannelTag channel={summary.channel} size={13} />
        <Text span size="sm" c="dimmed" truncate="end">
          {summary.customerHandle}
        </Text>
        <Group gap={3} wrap="nowrap" fz="sm" style={{ flexShrink: 0 }}>
          <IconUser size={12} aria-hidden />
          <Text
            span
            size="sm"
            c="dimmed"
            fs={summary.assigneeName ? undefined : 'italic'}
            data-testid="header-assignee"
          >
            {summary.assigneeName ?? 'Unassigned'}
          </Text>
        </Group>
        {summary.subject && (
          <Text span size="sm" c="dimmed" truncate="end" title={summary.subject}>
            · {summary.subject}
          </Text>
        )}
        {presence && <div style={{ marginLeft: 'auto', minWidth: 0 }}>{presence}</div>}
      </Group>
      {routingReason && (
        <Group gap={4} wrap="nowrap" c="dimmed" fz="xs" mt={2} style={{ minWidth: 0 }}>
          <IconRoute size={12} aria-hidden style={{ flexShrink: 0 }} />
          <Text span size="xs" c="dimmed" truncate="end" title={routingReason} data-testid="header-routing-reason">
            {routingReason}
          </Text>
        </Group>
      )}
      {tags && <div style={{ marginTop: 4 }}>{tags}</div>}
    </div>
  );
}
