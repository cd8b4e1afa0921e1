import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** True when a keystroke belongs to a text field, so single-letter shortcuts must leave it alone. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return false;
}

export function hasModifier(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return event.altKey || event.ctrlKey || event.metaKey;
}

/** A modal dialog is open: the page behind it must not react to single-key shortcuts. */
function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/**
 * Whether a window-level single-key shortcut ("/", "r", "j", "?") should act on this keystroke:
 * not while typing, not with Ctrl/Alt/⌘, not when something else handled it, not behind a dialog.
 */
export function isShortcutKeystroke(event: KeyboardEvent): boolean {
  return !event.defaultPrevented && !hasModifier(event) && !isTypingTarget(event.target) && !modalOpen();
}

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
