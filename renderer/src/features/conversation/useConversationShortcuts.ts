import { useEffect, useRef } from 'react';
import { isShortcutKeystroke } from '../../lib/keyboard';

export type ConversationShortcuts = {
  assignToMe: () => void;
  openAssignMenu: () => void;
  toggleResolved: () => void;
  openSnoozeMenu: () => void;
  focusTags: () => void;
};

/**
 * The open conversation's single-key shortcuts (listed in lib/shortcuts.ts): a, Shift+A, e, s, t.
 * `r` and `n` belong to the composer.
 */
export function useConversationShortcuts(handlers: ConversationShortcuts): void {
  // The latest handlers without re-registering the listener on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcutKeystroke(event)) return;
      const h = latest.current;
      const run =
        event.key === 'a' && !event.shiftKey
          ? h.assignToMe
          : event.key === 'A' && event.shiftKey
            ? h.openAssignMenu
            : event.key === 'e'
              ? h.toggleResolved
              : event.key === 's'
                ? h.openSnoozeMenu
                : event.key === 't'
                  ? h.focusTags
                  : null;
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
