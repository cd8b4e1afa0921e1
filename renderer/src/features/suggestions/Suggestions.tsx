import { useEffect } from 'react';
import type { SuggestedReply } from '../../../../shared/api';
import { useSuggestions } from '../../api/suggestions';
import { SuggestionStrip } from '../../components/SuggestionStrip';
import { useUiStore } from '../../state/ui';
import { useCommand } from '../keymap/registry';

type Props = {
  conversationId: string;
  /** The customer's newest message: the one the suggestions answer. */
  latestInboundId: string | null;
};

/**
 * Suggested replies for the open conversation; the suggestion commands (1–3 by default, not while
 * typing) put one in the reply box. One that failed the grounding check is never inserted by a key.
 */
export function Suggestions({ conversationId, latestInboundId }: Props) {
  const query = useSuggestions(conversationId, latestInboundId);
  const phrasingNote = query.data?.phrasingNote ?? null;
  const setDraft = useUiStore((state) => state.setDraft);
  const setMode = useUiStore((state) => state.setComposerMode);
  const offerSuggestions = useUiStore((state) => state.offerSuggestions);
  const insertSuggestion = useUiStore((state) => state.insertSuggestion);
  const suggestions = query.data?.suggestions;
  const offered = latestInboundId !== null && (suggestions ?? []).some((suggestion) => suggestion.sendable);

  // A reply sent from here on counts what the rep did with them (`Message.suggestion`).
  useEffect(() => {
    if (offered) offerSuggestions(conversationId, latestInboundId);
  }, [offered, conversationId, latestInboundId, offerSuggestions]);

  const insert = (suggestion: SuggestedReply) => {
    setMode(conversationId, 'reply');
    setDraft(conversationId, suggestion.text);
    insertSuggestion(conversationId, suggestion.text);
  };
  const pick = (rank: number) => {
    const suggestion = suggestions?.find((s) => s.rank === rank);
    if (suggestion?.sendable) insert(suggestion);
  };
  useCommand('suggestion.1', () => pick(1));
  useCommand('suggestion.2', () => pick(2));
  useCommand('suggestion.3', () => pick(3));

  return (
    <SuggestionStrip
      suggestions={suggestions ?? []}
      phrasing={query.phrasing}
      phrasingNote={phrasingNote}
      onInsert={insert}
    />
  );
}
