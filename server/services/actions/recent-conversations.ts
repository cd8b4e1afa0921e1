import type { Conversation } from '../../../shared/domain/entities';

/**
 * The conversations this process last acted on, as it last read or wrote them, so that the next
 * action on one skips the read. A copy may be stale (another process, an inbound message): the
 * optimistic write checks every column against it and writes nothing when they differ, and
 * nothing is refused on a copy alone (see apply.ts).
 */
export interface RecentConversations {
  get(id: string): Conversation | undefined;
  set(conversation: Conversation): void;
  delete(id: string): void;
}

/** Keeps the `capacity` most recently used, dropping the least recently used first. */
export function createRecentConversations(capacity = 10_000): RecentConversations {
  const entries = new Map<string, Conversation>();
  return {
    get(id) {
      const found = entries.get(id);
      if (found) {
        entries.delete(id);
        entries.set(id, found);
      }
      return found;
    },
    set(conversation) {
      entries.delete(conversation.id);
      entries.set(conversation.id, conversation);
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    delete(id) {
      entries.delete(id);
    },
  };
}
