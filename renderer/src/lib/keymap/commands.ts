import type { Binding } from './binding';

/**
 * Where a command listens. `anywhere`: outside text fields (unless `inTextFields`); `list`: only
 * with focus in the inbox list; `composer`: only with focus in the reply or note box.
 */
export type CommandScope = 'anywhere' | 'list' | 'composer';

export type CommandGroup = 'Inbox' | 'Conversation' | 'Reply box' | 'General';

export type CommandDef = {
  id: string;
  name: string;
  group: CommandGroup;
  /** Alternatives; a command may have none (the palette still runs it). */
  defaultKeys: Binding[];
  scope: CommandScope;
  /** Fires while typing in a text field too (only for bindings with Ctrl/⌘). */
  inTextFields?: boolean;
  /** Listed only while a feature provides its handler (the canned-resolution picker). */
  optional?: boolean;
  /** Runs again while the key is held (moving); other commands run once per press. */
  repeatable?: boolean;
  /** Keys of the widget itself, shown in the help but not remappable. */
  alsoKeys?: string;
};

/** A command that listens outside text fields (or everywhere, with `inTextFields`). */
function command(
  id: string,
  name: string,
  group: CommandGroup,
  defaultKeys: Binding[],
  extra: Partial<CommandDef> = {},
): CommandDef {
  return { id, name, group, defaultKeys, scope: 'anywhere', ...extra };
}

const VIEWS = [
  ['all', 'All'],
  ['mine', 'Mine'],
  ['unassigned', 'Unassigned'],
  ['team', 'Team'],
] as const;

/** The palette's priority entries: automatic (triage decides) and the three a person may set. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'automatic'] as const;

export const COMMANDS: readonly CommandDef[] = [
  command('inbox.next', 'Next conversation', 'Inbox', ['KeyJ'], { alsoKeys: '↓ in the list', repeatable: true }),
  command('inbox.previous', 'Previous conversation', 'Inbox', ['KeyK'], {
    alsoKeys: '↑ in the list',
    repeatable: true,
  }),
  command('inbox.open', 'Read the highlighted conversation', 'Inbox', ['Enter'], {
    scope: 'list',
    alsoKeys: 'Home / End: first / last',
  }),
  ...VIEWS.map(([view, label], i) => command(`view.${view}`, `Go to view: ${label}`, 'Inbox', [`Shift+Digit${i + 1}`])),
  command('search.focus', 'Search messages', 'Inbox', ['Slash']),
  command('composer.reply', 'Reply', 'Conversation', ['KeyR']),
  command('composer.note', 'Write an internal note', 'Conversation', ['KeyN']),
  ...[1, 2, 3].map((rank) =>
    command(`suggestion.${rank}`, `Use suggested reply ${rank}`, 'Conversation', [`Digit${rank}`]),
  ),
  command('conversation.assignMe', 'Assign to me', 'Conversation', ['KeyA']),
  command('conversation.assign', 'Assign to a teammate…', 'Conversation', ['Shift+KeyA']),
  command('conversation.resolve', 'Resolve and go to the next / reopen', 'Conversation', ['KeyE']),
  command('conversation.undoResolve', 'Undo the last resolve', 'Conversation', ['KeyU']),
  command('conversation.snooze', 'Snooze…', 'Conversation', ['KeyS']),
  command('conversation.priority', 'Set priority…', 'Conversation', ['KeyP']),
  ...PRIORITIES.map((priority) => command(`priority.${priority}`, `Priority: ${priority}`, 'Conversation', [])),
  command('customer.confirmLink', 'Link the suggested customer', 'Conversation', ['KeyL'], { optional: true }),
  command('customer.rejectLink', 'Not the suggested customer', 'Conversation', ['Shift+KeyL'], { optional: true }),
  command('conversation.tag', 'Add a tag', 'Conversation', ['KeyT'], {
    alsoKeys: 'Backspace in the tags removes the last',
  }),
  command('composer.send', 'Send the reply (or add the note)', 'Reply box', ['Mod+Enter'], { scope: 'composer' }),
  command('composer.sendResolve', 'Send, resolve and go to the next', 'Reply box', ['Mod+Shift+Enter'], {
    scope: 'composer',
  }),
  command('composer.leave', 'Leave the box (the draft is kept)', 'Reply box', ['Escape'], { scope: 'composer' }),
  command('canned.open', 'Insert a canned resolution', 'Reply box', ['Mod+Period'], {
    inTextFields: true,
    optional: true,
  }),
  command('palette.open', 'Find a command', 'General', ['Mod+KeyK'], { inTextFields: true }),
  command('view.console', 'Switch between the inbox and the team console', 'General', ['Shift+Digit5'], {
    optional: true,
  }),
  command('view.admin', 'Switch between the inbox and the admin screen (users, teams, channels)', 'General', [], {
    optional: true,
  }),
  command('shortcuts.help', 'Show the shortcuts', 'General', ['Shift+Slash']),
  command('keymap.settings', 'Keyboard settings…', 'General', []),
];

export const COMMAND_GROUPS: readonly CommandGroup[] = ['Inbox', 'Conversation', 'Reply box', 'General'];

const byId = new Map(COMMANDS.map((command) => [command.id, command]));

export function commandById(id: string): CommandDef | undefined {
  return byId.get(id);
}
