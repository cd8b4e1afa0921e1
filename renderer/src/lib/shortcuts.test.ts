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

describe('single-key shortcuts', () => {
  it('never give one key two meanings in the same place', () => {
    for (const group of shortcutGroups(false)) {
      const keys = group.shortcuts.flatMap((shortcut) => shortcut.keys.map((combo) => combo.join('+')));
      expect(new Set(keys).size, group.title).toBe(keys.length);
    }
    const outside = shortcutGroups(false)
      .filter((group) => group.title === 'Outside a text field' || group.title === 'Open conversation')
      .flatMap((group) => group.shortcuts.flatMap((shortcut) => shortcut.keys.map((combo) => combo.join('+'))));
    expect(new Set(outside).size).toBe(outside.length);
    expect(outside).toEqual(expect.arrayContaining(['a', 'e', 's', 't', 'n']));
  });
});
