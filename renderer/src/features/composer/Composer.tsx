import { useEffect, useRef } from 'react';
import type { Channel } from '../../../../shared/domain';
import { useSendReply } from '../../api/reply';
import { ComposerBox } from '../../components/ComposerBox';
import { isMac, isShortcutKeystroke } from '../../lib/keyboard';
import { replyLength } from '../../lib/replyLength';
import { useUiStore } from '../../state/ui';

type Props = { conversationId: string; channel: Channel };

/** Reply box for one conversation; the draft survives switching away and failed sends. */
export function Composer({ conversationId, channel }: Props) {
  const draft = useUiStore((state) => state.drafts[conversationId] ?? '');
  const error = useUiStore((state) => state.sendErrors[conversationId] ?? null);
  const setDraft = useUiStore((state) => state.setDraft);
  const sendReply = useSendReply();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const length = replyLength(draft);

  // "r" anywhere outside a text field jumps to the reply box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'r' || !isShortcutKeystroke(event)) return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const send = () => {
    const body = draft.trim();
    // Over the cap: the error under the box already says so, and the text stays as typed.
    if (body === '' || length.error !== null) return;
    sendReply.mutate({ conversationId, body });
    inputRef.current?.focus();
  };

  const backToList = () => {
    inputRef.current?.blur();
    document.querySelector<HTMLElement>('[data-inbox-list] [tabindex="0"]')?.focus();
  };

  return (
    <ComposerBox
      channel={channel}
      value={draft}
      error={error}
      counter={length.counter}
      lengthError={length.error}
      isMac={isMac}
      inputRef={inputRef}
      onChange={(value) => setDraft(conversationId, value)}
      onSend={send}
      onEscape={backToList}
    />
  );
}
