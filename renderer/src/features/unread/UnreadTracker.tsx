import { useEffect, useRef } from 'react';
import { useMarkRead, useUnread } from '../../api/unread';
import { useUiStore } from '../../state/ui';
import { notifyNewInbound } from './notify';

const TITLE = 'Caredesk';

/**
 * Keeps the window title's unread count, marks the open conversation read (again when a new
 * message arrives in it while open) and raises a notification for each newly arrived inbound
 * message. Renders nothing.
 */
export function UnreadTracker() {
  const unread = useUnread();
  const selectedId = useUiStore((state) => state.selectedConversationId);
  const markRead = useMarkRead();
  const { mutate } = markRead;
  const known = useRef<Map<string, number> | null>(null);

  const items = unread.data;
  const openUnreadAt = items?.find((item) => item.conversation.id === selectedId)?.lastInboundAt ?? null;

  useEffect(() => {
    if (selectedId !== null) mutate(selectedId);
  }, [selectedId, openUnreadAt, mutate]);

  const count = items?.filter((item) => item.conversation.id !== selectedId).length ?? 0;
  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${TITLE}` : TITLE;
  }, [count]);
  useEffect(
    () => () => {
      document.title = TITLE;
    },
    [],
  );

  useEffect(() => {
    if (!items) return;
    const previous = known.current;
    known.current = new Map(items.map((item) => [item.conversation.id, item.lastInboundAt]));
    // The first answer is what was already there: only what arrives afterwards notifies.
    if (previous === null) return;
    for (const item of items) {
      const seen = previous.get(item.conversation.id);
      if (item.conversation.id === selectedId && document.hasFocus()) continue;
      if (seen === undefined || item.lastInboundAt > seen) notifyNewInbound(item.conversation, seen === undefined);
    }
  }, [items, selectedId]);

  return null;
}
