import { describe, expect, it } from 'vitest';
import { shortcutGroups } from './shortcuts';

describe('shortcutGroups', () => {
  it('names the send shortcut for the platform', () => {
    const send = (isMac: boolean) =>
      shortcutGroups(isMac)
        .flatMap((group) => group.shortcuts)
        .find((shortcut) => shortcut.action === 'Send the reply');
    expect(send(true)?.keys).toEqual([['⌘', 'Enter']]);
    expect(send(false)?.keys).toEqual([['Ctrl', 'Enter']]);
  });

  it('lists the "?" help itself', () => {
    const all = shortcutGroups(false).flatMap((group) => group.shortcuts);
    expect(all.some((shortcut) => shortcut.keys.some((combo) => combo.join('') === '?'))).toBe(true);
  });
});
