/** Every keyboard shortcut, in one place, for the "?" help and for aria-keyshortcuts. */
export type Shortcut = { keys: string[][]; action: string };
export type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

/** `keys` is a list of alternatives; each alternative is the keys pressed together. */
export function shortcutGroups(isMac: boolean): ShortcutGroup[] {
  const mod = isMac ? '⌘' : 'Ctrl';
  return [
    {
      title: 'Outside a text field',
      shortcuts: [
        { keys: [['/']], action: 'Search messages' },
        { keys: [['j'], ['k']], action: 'Move to the next / previous conversation' },
        { keys: [['r']], action: 'Reply to the open conversation' },
        { keys: [['?']], action: 'Show these shortcuts' },
      ],
    },
    {
      title: 'Open conversation',
      shortcuts: [
        { keys: [['a']], action: 'Assign to me' },
        { keys: [['Shift', 'A']], action: 'Assign to a teammate…' },
        { keys: [['e']], action: 'Resolve / reopen' },
        { keys: [['s']], action: 'Snooze…' },
        { keys: [['t']], action: 'Add a tag (Backspace removes the last)' },
        { keys: [['n']], action: 'Write an internal note' },
        { keys: [['1'], ['2'], ['3']], action: 'Put suggested reply 1–3 in the reply box' },
      ],
    },
    {
      title: 'Inbox list',
      shortcuts: [
        { keys: [['↓'], ['↑']], action: 'Next / previous conversation' },
        { keys: [['Home'], ['End']], action: 'First / last conversation' },
        { keys: [['Enter']], action: 'Open the conversation' },
      ],
    },
    {
      title: 'Reply box',
      shortcuts: [
        { keys: [[mod, 'Enter']], action: 'Send the reply' },
        { keys: [['Esc']], action: 'Back to the inbox list (the draft is kept)' },
      ],
    },
    {
      title: 'Note box',
      shortcuts: [
        { keys: [[mod, 'Enter']], action: 'Add the note' },
        { keys: [['Esc']], action: 'Back to the reply box (the note is kept)' },
      ],
    },
    {
      title: 'Search',
      shortcuts: [
        { keys: [['↓'], ['↑']], action: 'Choose a result' },
        { keys: [['Enter']], action: 'Open its conversation' },
        { keys: [['Esc']], action: 'Clear and leave the search' },
      ],
    },
    {
      title: 'Controls and dialogs',
      shortcuts: [
        { keys: [['Tab']], action: 'Move between controls (with Shift: back)' },
        { keys: [['Esc']], action: 'Close a dialog' },
      ],
    },
  ];
}
