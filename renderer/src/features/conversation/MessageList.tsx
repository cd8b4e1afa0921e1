import { useLayoutEffect, useMemo, useRef } from 'react';
import type { ConversationDetail } from '../../../../shared/api';
import type { Message, Note } from '../../../../shared/domain';
import { useSyncStatus } from '../../api/sync';
import { DayDivider, MessageItem } from '../../components/MessageItem';
import { NoteItem } from '../../components/NoteItem';
import { formatDate } from '../../lib/time';
import { useActOnConversation } from './useActOnConversation';
import classes from './ConversationPane.module.css';

type Props = { detail: ConversationDetail; now: number };

type Entry =
  | { kind: 'message'; id: string; createdAt: number; message: Message }
  | { kind: 'note'; id: string; createdAt: number; note: Note & { pending: boolean } };

function byTime(a: Entry, b: Entry): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** Every message and internal note oldest first, with a divider per day; keeps the newest in view. */
export function MessageList({ detail, now }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = useMemo(
    () =>
      [
        ...detail.messages.map((message): Entry => ({
          kind: 'message',
          id: message.id,
          createdAt: message.createdAt,
          message,
        })),
        ...detail.notes.map((note): Entry => ({ kind: 'note', id: note.id, createdAt: note.createdAt, note })),
      ].sort(byTime),
    [detail.messages, detail.notes],
  );
  const last = entries.at(-1);
  const conversationId = detail.conversation.id;
  const online = useSyncStatus().data?.connection !== 'offline';
  const act = useActOnConversation();
  const retry = (message: Message) =>
    message.direction === 'outbound' && message.status === 'failed'
      ? () => act({ type: 'retry', conversationId, messageId: message.id })
      : undefined;

  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversationId, entries.length, last?.id]);

  const authorName = (authorId: string | null) => (authorId ? (detail.authors[authorId]?.name ?? null) : null);

  let previousDay = '';
  return (
    <div ref={ref} className={classes.messages} role="log" aria-label="Messages and notes" tabIndex={0}>
      {entries.map((entry) => {
        const day = formatDate(entry.createdAt);
        const divider = day !== previousDay ? <DayDivider key={`day-${day}`} label={day} /> : null;
        previousDay = day;
        return [
          divider,
          entry.kind === 'message' ? (
            <MessageItem
              key={entry.id}
              message={entry.message}
              now={now}
              online={online}
              authorName={authorName(entry.message.authorId)}
              error={entry.message.statusError?.text}
              onRetry={retry(entry.message)}
            />
          ) : (
            <NoteItem
              key={entry.id}
              note={entry.note}
              now={now}
              online={online}
              authorName={authorName(entry.note.authorId)}
            />
          ),
        ];
      })}
    </div>
  );
}
