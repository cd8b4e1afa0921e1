import { Group, Text, UnstyledButton } from '@mantine/core';
import type { ConversationSummary } from '../../../../shared/api';
import { ChannelIcon } from '../../components/ChannelIcon';
import { SectionHeading } from '../../components/SectionHeading';
import { ConversationStatusBadge } from '../../components/StatusBadges';
import { formatAge } from '../../lib/time';
import { useUiStore } from '../../state/ui';
import classes from './CustomerPanel.module.css';

/** The customer's other conversations on any channel; one click (or Enter) opens it. */
export function CustomerHistory({ history, now }: { history: readonly ConversationSummary[]; now: number }) {
  const select = useUiStore((state) => state.selectConversation);
  return (
    <section className={classes.history} aria-label="Other conversations" data-testid="customer-history">
      <SectionHeading>Other conversations</SectionHeading>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          None on any channel.
        </Text>
      ) : (
        history.map((conversation) => (
          <UnstyledButton
            key={conversation.id}
            className={classes.historyRow}
            onClick={() => select(conversation.id)}
            data-testid="history-row"
            data-conversation-id={conversation.id}
            aria-label={`Open the ${conversation.channel} conversation: ${conversation.lastMessagePreview}`}
          >
            <Group gap={8} wrap="nowrap">
              <ChannelIcon channel={conversation.channel} size={14} />
              <Text size="sm" truncate="end" style={{ flex: 1, minWidth: 0 }}>
                {conversation.subject ?? conversation.lastMessagePreview}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {formatAge(conversation.lastMessageAt, now)}
              </Text>
              <ConversationStatusBadge
                status={conversation.status}
                snoozedUntil={conversation.snoozedUntil}
                now={now}
              />
            </Group>
          </UnstyledButton>
        ))
      )}
    </section>
  );
}
