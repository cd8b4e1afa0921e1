import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** True when a keystroke belongs to a text field, so single-letter shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
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
