import { formatBinding, splitBinding } from './binding';
import type { Binding } from './binding';
import { COMMANDS } from './commands';
import type { CommandDef } from './commands';

/** The rep's remapped commands: a command not in here keeps its default keys. */
export type Overrides = Record<string, Binding[]>;

export function keysOf(command: CommandDef, overrides: Overrides): Binding[] {
  return overrides[command.id] ?? command.defaultKeys;
}

/** Where the keystroke happened, read from the page (see context.ts). */
export type KeyContext = {
  /** Focus is in a text field (input, textarea, contenteditable). */
  typing: boolean;
  inList: boolean;
  inComposer: boolean;
  /** A modal dialog is open: the page behind it stays quiet. */
  modal: boolean;
  /** Something already handled the keystroke (a menu, a combobox). */
  handled: boolean;
  /** The key is held down and repeating: only moving repeats, so holding E resolves one conversation. */
  repeat: boolean;
};

type Place = 'list' | 'composer' | 'elsewhere';

/** Where a command's keys work. */
function places(command: CommandDef): Place[] {
  if (command.scope === 'list') return ['list'];
  if (command.scope === 'composer') return ['composer'];
  return command.inTextFields ? ['list', 'composer', 'elsewhere'] : ['list', 'elsewhere'];
}

function firesHere(command: CommandDef, context: KeyContext): boolean {
  if (command.scope === 'list') return context.inList;
  if (command.scope === 'composer') return context.inComposer;
  return !context.typing || command.inTextFields === true;
}

/** The command a keystroke runs, or null: the first available command bound to it that listens there. */
export function findCommand(
  binding: Binding | null,
  context: KeyContext,
  overrides: Overrides,
  available: (id: string) => boolean,
  commands: readonly CommandDef[] = COMMANDS,
): CommandDef | null {
  if (binding === null || context.handled || context.modal) return null;
  return (
    commands.find(
      (command) =>
        available(command.id) &&
        keysOf(command, overrides).includes(binding) &&
        firesHere(command, context) &&
        (!context.repeat || command.repeatable === true),
    ) ?? null
  );
}

/** Keys the system and the browser keep: copy, paste, select all, undo, close, quit, reload. */
const SYSTEM_KEYS = new Set(['KeyA', 'KeyC', 'KeyV', 'KeyX', 'KeyZ', 'KeyW', 'KeyQ', 'KeyR', 'KeyT']);
/** Keys buttons, lists and dialogs need as they are. */
const WIDGET_KEYS = new Set(['Tab', 'Enter', 'Space', 'Escape']);

/**
 * Why `binding` cannot be given to `commandId`, or null when it can. Refuses keys the system or
 * the widgets need, plain keys for a command that works while typing, and a key another command
 * already uses where both listen.
 */
export function refuseBinding(
  binding: Binding,
  commandId: string,
  overrides: Overrides,
  commands: readonly CommandDef[] = COMMANDS,
): string | null {
  const command = commands.find((c) => c.id === commandId);
  if (!command) return `There is no command "${commandId}".`;
  const shown = formatBinding(binding).join('+');
  const { modifiers, code } = splitBinding(binding);
  const withCommandKey = modifiers.includes('Mod') || modifiers.includes('Ctrl') || modifiers.includes('Meta');
  if (code === 'Tab') return 'Tab moves between controls; choose another key.';
  if (withCommandKey && modifiers.length === 1 && SYSTEM_KEYS.has(code))
    return `${shown} is kept for the system (copy, paste, undo, close…); choose another key.`;
  const ownWidgetKey = command.defaultKeys.includes(binding);
  if (modifiers.length === 0 && WIDGET_KEYS.has(code) && !ownWidgetKey)
    return `${shown} is kept for buttons, lists and dialogs; add Ctrl, ⌘ or Alt.`;
  const typing = command.scope === 'composer' || command.inTextFields === true;
  const plain = !withCommandKey && !modifiers.includes('Alt');
  if (typing && plain && code !== 'Escape' && !/^F[0-9]+$/.test(code))
    return `"${command.name}" works while typing, so its key needs Ctrl, ⌘ or Alt.`;
  const mine = places(command);
  const clash = commands.find(
    (other) =>
      other.id !== command.id &&
      keysOf(other, overrides).includes(binding) &&
      places(other).some((place) => mine.includes(place)),
  );
  if (clash) return `${shown} is already "${clash.name}". Change that one first, or choose another key.`;
  return null;
}

/**
 * The overrides after giving `commandId` the keys `keys` (a single binding, or the defaults when
 * null): a command back on its defaults is dropped from the overrides.
 */
export function withBinding(overrides: Overrides, commandId: string, keys: Binding[] | null): Overrides {
  const next = { ...overrides };
  const command = COMMANDS.find((c) => c.id === commandId);
  if (keys === null || (command && keys.join(' ') === command.defaultKeys.join(' '))) delete next[commandId];
  else next[commandId] = keys;
  return next;
}
