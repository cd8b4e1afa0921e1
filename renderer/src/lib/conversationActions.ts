import type { ConversationAction, ConversationSummary } from '../../../shared/api';
import { applyToConversation, describeAction as describeInWords } from '../../../shared/sync/actions';

type Names = { assigneeName?: string | null };

/**
 * What an action does to a conversation's summary, applied at once while the engine stores it,
 * so the header and the row change on the keystroke: the same rule the engine and the server run.
 * The engine's own answer replaces it.
 */
export function applyAction(
  summary: ConversationSummary,
  action: ConversationAction,
  names: Names = {},
  at = Date.now(),
): ConversationSummary {
  const next = applyToConversation(summary, { ...action, seenAssigneeId: summary.assigneeId }, at);
  const assigneeName =
    next.assigneeId === summary.assigneeId
      ? summary.assigneeName
      : next.assigneeId
        ? (names.assigneeName ?? null)
        : null;
  return { ...next, assigneeName, pendingActions: summary.pendingActions + 1 };
}

/** The action in the rep's words, for a failure notice ("Could not resolve"). */
export function describeAction(action: ConversationAction, names: Names = {}): string {
  return describeInWords(
    { ...action, seenAssigneeId: null },
    { userName: (id) => (action.type === 'assign' && id === action.assigneeId ? (names.assigneeName ?? null) : null) },
  );
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
