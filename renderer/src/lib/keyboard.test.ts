import { describe, expect, it } from 'vitest';
import { isShortcutKeystroke } from './keyboard';

type KeyInit = Partial<Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'defaultPrevented'>>;

function keystroke(init: KeyInit): KeyboardEvent {
  const event = { key: 'r', altKey: false, ctrlKey: false, metaKey: false, defaultPrevented: false, target: null };
  return { ...event, ...init } as unknown as KeyboardEvent;
}

// Tests run without a DOM: these cover the checks that come before the element ones.
describe('isShortcutKeystroke', () => {
  it('leaves Ctrl, Alt and ⌘ combinations and handled keys alone', () => {
    expect(isShortcutKeystroke(keystroke({ ctrlKey: true }))).toBe(false);
    expect(isShortcutKeystroke(keystroke({ altKey: true }))).toBe(false);
    expect(isShortcutKeystroke(keystroke({ metaKey: true }))).toBe(false);
    expect(isShortcutKeystroke(keystroke({ defaultPrevented: true }))).toBe(false);
  });
});
