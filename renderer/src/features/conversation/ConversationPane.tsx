import { Skeleton, Stack } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import type { ConversationDetail } from '../../../../shared/api';
import { useConversation } from '../../api/inbox';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import { errorCode, errorMessage } from '../../transport';
import { Composer } from '../composer/Composer';
import { Suggestions } from '../suggestions/Suggestions';
import { ConversationHeaderBar } from './ConversationHeaderBar';
import classes from './ConversationPane.module.css';
import { MessageList } from './MessageList';

/** The newest message the rep has on screen (not a placeholder still waiting for the engine's id). */
function newestMessageId(detail: ConversationDetail): string | null {
  let newest: ConversationDetail['messages'][number] | null = null;
  for (const message of detail.messages) {
    if (message.id.startsWith('optimistic-')) continue;
    if (
      !newest ||
      message.createdAt > newest.createdAt ||
      (message.createdAt === newest.createdAt && message.id > newest.id)
    )
      newest = message;
  }
  return newest?.id ?? null;
}

/** The customer's newest message, the one suggested replies answer. */
function latestInboundId(detail: ConversationDetail): string | null {
  return detail.messages.filter((message) => message.direction === 'inbound').at(-1)?.id ?? null;
}

export function ConversationPane() {
  const selectedId = useUiStore((state) => state.selectedConversationId);
  const conversation = useConversation(selectedId);
  const now = useNow();

  let content;
  if (selectedId === null) {
    content = (
      <div className={classes.centered}>
        <EmptyView
          icon={<IconMessages size={22} stroke={1.5} />}
          title="No conversation open"
          description="Pick one from the inbox. The keyboard button in the header lists every shortcut."
        />
      </div>
    );
  } else if (conversation.isPending) {
    content = (
      <>
        <div className={classes.header}>
          <Skeleton height={14} width={180} mb={8} />
          <Skeleton height={10} width={260} />
        </div>
        <Stack className={classes.messages} gap="md">
          <Skeleton height={44} width="55%" radius="md" />
          <Skeleton height={32} width="40%" radius="md" style={{ alignSelf: 'flex-end' }} />
          <Skeleton height={56} width="60%" radius="md" />
        </Stack>
      </>
    );
  } else if (conversation.isError) {
    content = (
      <div className={classes.centered}>
        <ErrorView
          title={
            errorCode(conversation.error) === 'not_found'
              ? 'This conversation is no longer available'
              : 'Could not load the conversation'
          }
          message={errorMessage(conversation.error)}
          onRetry={() => void conversation.refetch()}
          retrying={conversation.isRefetching}
        />
      </div>
    );
  } else {
    const detail = conversation.data;
    content = (
      <>
        <header className={classes.header}>
          <ConversationHeaderBar detail={detail} now={now} />
        </header>
        <MessageList detail={detail} now={now} />
        <div className={classes.composer}>
          <Suggestions
            key={`suggestions-${detail.conversation.id}`}
            conversationId={detail.conversation.id}
            latestInboundId={latestInboundId(detail)}
          />
          <Composer
            key={detail.conversation.id}
            conversationId={detail.conversation.id}
            customerName={detail.conversation.customerName.trim() || detail.conversation.customerHandle}
            channel={detail.conversation.channel}
            seenMessageId={newestMessageId(detail)}
          />
        </div>
      </>
    );
  }

  return (
    <section
      className={classes.pane}
      aria-label="Conversation"
      data-testid="conversation-pane"
      data-conversation-id={selectedId ?? undefined}
    >
      {content}
    </section>
  );
}
