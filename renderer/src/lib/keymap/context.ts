import type { KeyContext } from './match';

/** True when a keystroke belongs to a text field, so plain-key shortcuts must leave it alone. */
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

function within(target: EventTarget | null, selector: string): boolean {
  return target instanceof Element && target.closest(selector) !== null;
}

/** Reads from the page where a keystroke happened, for findCommand. */
export function keyContext(event: KeyboardEvent): KeyContext {
  return {
    typing: isTypingTarget(event.target),
    inList: within(event.target, '[data-inbox-list]'),
    inComposer: within(event.target, '[data-composer]'),
    modal: document.querySelector('[role="dialog"][aria-modal="true"]') !== null,
    handled: event.defaultPrevented || event.isComposing,
    repeat: event.repeat,
  };
}
