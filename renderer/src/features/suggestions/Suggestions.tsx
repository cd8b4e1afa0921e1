import { useEffect } from 'react';
import type { SuggestedReply } from '../../../../shared/api';
import { useSuggestions } from '../../api/suggestions';
import { SuggestionStrip } from '../../components/SuggestionStrip';
import { isShortcutKeystroke } from '../../lib/keyboard';
import { useUiStore } from '../../state/ui';

type Props = {
  conversationId: string;
  /** The customer's newest message: the one the suggestions answer. */
  latestInboundId: string | null;
};

/** Suggested replies for the open conversation; keys 1–3 (not while typing) put one in the reply box. */
export function Suggestions({ conversationId, latestInboundId }: Props) {
  const query = useSuggestions(conversationId, latestInboundId);
  const phrasingNote = query.data?.phrasingNote ?? null;
  const setDraft = useUiStore((state) => state.setDraft);
  const setMode = useUiStore((state) => state.setComposerMode);
  const suggestions = query.data?.suggestions;

  useEffect(() => {
    const insert = (suggestion: SuggestedReply) => {
      setMode(conversationId, 'reply');
      setDraft(conversationId, suggestion.text);
    };
    const onKey = (event: KeyboardEvent) => {
      if (!/^[1-3]$/.test(event.key) || !isShortcutKeystroke(event)) return;
      const suggestion = suggestions?.find((s) => s.rank === Number(event.key));
      // A suggestion that failed the grounding check is never inserted with one key.
      if (!suggestion?.sendable) return;
      event.preventDefault();
      insert(suggestion);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [conversationId, suggestions, setDraft, setMode]);

  return (
    <SuggestionStrip
      suggestions={suggestions ?? []}
      phrasing={query.phrasing}
      phrasingNote={phrasingNote}
      onInsert={(suggestion) => {
        setMode(conversationId, 'reply');
        setDraft(conversationId, suggestion.text);
      }}
    />
  );
}
