import type { ConversationAction, ConversationSummary } from '../../../shared/api';

/**
 * What an action does to a conversation's summary, applied at once while the engine stores it,
 * so the header and the row change on the keystroke. The engine's own answer replaces it.
 */
export function applyAction(
  summary: ConversationSummary,
  action: ConversationAction,
  names: { assigneeName?: string | null } = {},
): ConversationSummary {
  const pending = { ...summary, pendingActions: summary.pendingActions + 1 };
  switch (action.type) {
    case 'assign':
      return {
        ...pending,
        assigneeId: action.assigneeId,
        assigneeName: action.assigneeId ? (names.assigneeName ?? null) : null,
      };
    case 'status':
      return { ...pending, status: action.status, snoozedUntil: null };
    case 'snooze':
      return { ...pending, status: 'snoozed', snoozedUntil: action.until };
    case 'tag': {
      const tag = action.tag.trim().toLowerCase();
      const tags = action.on ? [...new Set([...summary.tags, tag])].sort() : summary.tags.filter((t) => t !== tag);
      return { ...pending, tags };
    }
    case 'note':
    case 'link':
      return pending;
  }
}

/** The action in the rep's words, for a failure notice ("Could not resolve"). */
export function describeAction(action: ConversationAction, names: { assigneeName?: string | null } = {}): string {
  switch (action.type) {
    case 'assign':
      return action.assigneeId ? `Assign to ${names.assigneeName ?? 'a teammate'}` : 'Unassign';
    case 'status':
      return action.status === 'closed' ? 'Resolve' : 'Reopen';
    case 'snooze':
      return 'Snooze';
    case 'tag':
      return action.on ? `Add tag “${action.tag}”` : `Remove tag “${action.tag}”`;
    case 'note':
      return 'Add note';
    case 'link':
      return 'Link customer';
  }
}

export type TagChange = { tag: string; on: boolean };

/** The tag actions that turn `before` into `after` (a tags field's onChange gives the whole list). */
export function tagChanges(before: readonly string[], after: readonly string[]): TagChange[] {
  const normalised = after.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== '');
  const had = new Set(before);
  const has = new Set(normalised);
  return [
    ...[...has].filter((tag) => !had.has(tag)).map((tag) => ({ tag, on: true })),
    ...before.filter((tag) => !has.has(tag)).map((tag) => ({ tag, on: false })),
  ];
}
