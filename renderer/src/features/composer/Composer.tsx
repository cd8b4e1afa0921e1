import { useRef, useState } from 'react';
import type { Channel } from '../../../../shared/domain';
import { useConversationAction } from '../../api/actions';
import { useSendReply } from '../../api/reply';
import { ComposerBox } from '../../components/ComposerBox';
import { StaleReplyDialog } from '../../components/StaleReplyDialog';
import { replyLength } from '../../lib/replyLength';
import { suggestionOutcome } from '../../lib/suggestionOutcome';
import { useUiStore } from '../../state/ui';
import { errorCode, errorMessage } from '../../transport';
import { useResolveAndNext } from '../conversation/resolveAndNext';
import { useCommand } from '../keymap/registry';
import { useAriaKeys, useCommandKeys } from '../keymap/useCommandKeys';
import { useCannedComposer } from '../canned/useCannedComposer';
import { usePresenceTyping } from '../presence/PresenceProvider';

type Props = {
  conversationId: string;
  /** Named in the "Resolved" notification of send-and-resolve. */
  customerName: string;
  channel: Channel;
  /** The newest message on screen, sent with the reply so the engine can spot a stale view. */
  seenMessageId: string | null;
};

/**
 * Reply box and note box for one conversation (the reply and note commands switch and focus);
 * both drafts survive switching away and failed sends. A reply written before the customer's
 * newest message was seen asks first (stale_view). Send-and-resolve resolves once the reply is
 * stored and moves to the next conversation.
 */
export function Composer({ conversationId, customerName, channel, seenMessageId }: Props) {
  const mode = useUiStore((state) => state.composerModes[conversationId] ?? 'reply');
  const replyDraft = useUiStore((state) => state.drafts[conversationId] ?? '');
  const noteDraft = useUiStore((state) => state.noteDrafts[conversationId] ?? '');
  const sendError = useUiStore((state) => state.sendErrors[conversationId] ?? null);
  const noteError = useUiStore((state) => state.noteErrors[conversationId] ?? null);
  const setDraft = useUiStore((state) => state.setDraft);
  const setNoteDraft = useUiStore((state) => state.setNoteDraft);
  const setMode = useUiStore((state) => state.setComposerMode);
  const sendReply = useSendReply();
  const act = useConversationAction();
  const presence = usePresenceTyping();
  const [staleMessage, setStaleMessage] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const note = mode === 'note';
  const value = note ? noteDraft : replyDraft;
  const length = replyLength(value, mode);
  const canned = useCannedComposer(conversationId, replyDraft, () => inputRef.current?.focus());

  const resolveAndNext = useResolveAndNext();
  const sendKeys = useCommandKeys('composer.send')[0] ?? null;
  const focusKeys = useAriaKeys(note ? 'composer.note' : 'composer.reply');

  const focusBox = (next: 'reply' | 'note') => {
    setMode(conversationId, next);
    // After the mode's re-render, so the focus lands in the box with the right label.
    window.requestAnimationFrame(() => inputRef.current?.focus());
  };

  // Send-and-resolve that stopped at the stale-view question resolves after "Send anyway" too.
  const resolveAfterSend = useRef(false);

  const send = (confirmStale: boolean, thenResolve = false) => {
    resolveAfterSend.current = thenResolve;
    const body = replyDraft.trim();
    // Over the cap: the error under the box already says so, and the text stays as typed.
    if (body === '' || replyLength(replyDraft).error !== null || canned.blocked !== null) return;
    presence.stoppedTyping();
    const suggestion = suggestionOutcome(body, useUiStore.getState().suggestionUse[conversationId]);
    // A promise, not per-call callbacks: the actions of an inserted canned resolution are queued
    // after the reply is stored even when the rep has moved to another conversation meanwhile.
    sendReply
      .mutateAsync({
        conversationId,
        body,
        seenMessageId,
        ...(confirmStale ? { confirmStale: true } : {}),
        ...(suggestion ? { suggestion } : {}),
      })
      .then(
        () => {
          useUiStore.getState().recordSuggestionUse(conversationId);
          setStaleMessage(null);
          canned.afterSend();
          if (thenResolve) resolveAndNext({ conversationId, name: customerName });
        },
        (error: unknown) => setStaleMessage(errorCode(error) === 'stale_view' ? errorMessage(error) : null),
      );
    inputRef.current?.focus();
  };

  const addNote = () => {
    const body = noteDraft.trim();
    if (body === '' || length.error !== null) return;
    act.mutate({ action: { type: 'note', conversationId, body } });
    inputRef.current?.focus();
  };

  const onChange = (next: string) => {
    if (note) return setNoteDraft(conversationId, next);
    setDraft(conversationId, next);
    if (next.trim() === '') presence.stoppedTyping();
    else presence.typed(conversationId);
  };

  useCommand('composer.reply', () => focusBox('reply'));
  useCommand('composer.note', () => focusBox('note'));
  useCommand('composer.send', () => (note ? addNote() : send(false)));
  useCommand('composer.sendResolve', () => send(false, true), !note);
  useCommand('composer.leave', () => {
    // Leaving the note box goes back to the reply box; leaving the reply box, back to the list.
    if (note) return setMode(conversationId, 'reply');
    inputRef.current?.blur();
    document.querySelector<HTMLElement>('[data-inbox-list] [tabindex="0"]')?.focus();
  });

  return (
    <>
      <ComposerBox
        channel={channel}
        mode={mode}
        onMode={(next) => {
          setMode(conversationId, next);
          inputRef.current?.focus();
        }}
        value={value}
        error={note ? noteError : sendError}
        counter={length.counter}
        lengthError={length.error}
        sendKeys={sendKeys}
        focusKeys={focusKeys}
        blocked={note ? null : canned.blocked}
        toolbar={canned.toolbar}
        inputRef={inputRef}
        onChange={onChange}
        onSend={note ? addNote : () => send(false)}
      />
      {canned.dialogs}
      <StaleReplyDialog
        message={staleMessage}
        busy={sendReply.isPending}
        onReview={() => setStaleMessage(null)}
        onSendAnyway={() => send(true, resolveAfterSend.current)}
      />
    </>
  );
}
