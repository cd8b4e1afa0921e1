import { useLayoutEffect, useMemo, useRef } from 'react';
import type { ConversationDetail } from '../../../../shared/api';
import type { Message } from '../../../../shared/domain';
import { useSyncStatus } from '../../api/sync';
import { DayDivider, MessageItem } from '../../components/MessageItem';
import { formatDate } from '../../lib/time';
import classes from './ConversationPane.module.css';

type Props = { detail: ConversationDetail; now: number };

function byTime(a: Message, b: Message): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** Every message oldest first, with a divider per day; keeps the newest in view. */
export function MessageList({ detail, now }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const messages = useMemo(() => [...detail.messages].sort(byTime), [detail.messages]);
  const last = messages.at(-1);
  const conversationId = detail.conversation.id;
  const online = useSyncStatus().data?.connection !== 'offline';

  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversationId, messages.length, last?.id]);

  let previousDay = '';
  return (
    <div ref={ref} className={classes.messages} role="log" aria-label="Messages" tabIndex={0}>
      {messages.map((message) => {
        const day = formatDate(message.createdAt);
        const divider = day !== previousDay ? <DayDivider key={`day-${day}`} label={day} /> : null;
        previousDay = day;
        return [
          divider,
          <MessageItem
            key={message.id}
            message={message}
            now={now}
            online={online}
            authorName={message.authorId ? (detail.authors[message.authorId]?.name ?? null) : null}
          />,
        ];
      })}
    </div>
  );
}
