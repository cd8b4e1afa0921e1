import type { SuggestionOutcome } from '../../../shared/domain';
import type { SuggestionUse } from '../state/ui';

/**
 * What a reply about to be sent did with the suggestions offered for the customer's message: sent
 * the inserted one as written (spaces at the ends aside), edited it, or ignored them; nothing when
 * none were offered or a reply to that message was already counted.
 */
export function suggestionOutcome(body: string, use: SuggestionUse | undefined): SuggestionOutcome | undefined {
  if (!use || use.recorded) return undefined;
  if (use.inserted === null) return 'ignored';
  return body.trim() === use.inserted.trim() ? 'unchanged' : 'edited';
}
