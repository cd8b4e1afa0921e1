import type { Conversation } from '../domain/entities';
import { previewOf } from '../domain/preview';
import type { Action } from './actions';

/**
 * What an action does to the conversation it names: the one rule both sides run. The server
 * applies it to the stored row; the engine applies every action still in its outbox on top of
 * the server's copy, so the rep sees their own changes at once and the server's order wins.
 * `at` is when the action was made (a reply's time). Actions that do not change the
 * conversation itself (a note, a link) return it unchanged.
 */
export function applyToConversation(conversation: Conversation, action: Action, at: number): Conversation {
  switch (action.type) {
    case 'reply':
      // A reply older than the newest message (clocks of several processes) leaves the summary alone.
      return at >= conversation.lastMessageAt
        ? { ...conversation, lastMessageAt: at, lastMessagePreview: previewOf(action.body), waitingSince: null }
        : conversation;
    case 'assign':
      return { ...conversation, assigneeId: action.assigneeId };
    case 'status':
      return action.status === 'closed'
        ? { ...conversation, status: 'closed', snoozedUntil: null, waitingSince: null }
        : { ...conversation, status: 'open', snoozedUntil: null };
    case 'snooze':
      return { ...conversation, status: 'snoozed', snoozedUntil: action.until };
    case 'tag': {
      const tags = new Set(conversation.tags);
      if (action.on) tags.add(action.tag);
      else tags.delete(action.tag);
      return { ...conversation, tags: [...tags].sort() };
    }
    case 'note':
    case 'link':
      return conversation;
  }
}
