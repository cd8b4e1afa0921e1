import { ariaKeys, formatBinding } from '../../lib/keymap/binding';
import { commandById } from '../../lib/keymap/commands';
import { keysOf } from '../../lib/keymap/match';
import { useKeymapStore } from './registry';

/** A command's current keys as key caps (one list per alternative). */
export function useCommandKeys(id: string): string[][] {
  const overrides = useKeymapStore((state) => state.overrides);
  const command = commandById(id);
  return command ? keysOf(command, overrides).map((binding) => formatBinding(binding)) : [];
}

/** A command's current keys as `aria-keyshortcuts`, or undefined when it has none. */
export function useAriaKeys(id: string): string | undefined {
  const overrides = useKeymapStore((state) => state.overrides);
  const command = commandById(id);
  const keys = command ? keysOf(command, overrides) : [];
  return keys.length > 0 ? keys.map((binding) => ariaKeys(binding)).join(' ') : undefined;
}

/** What a control shows of its command's key: `aria` for aria-keyshortcuts, `label` ("Shift+A") for tooltips. */
export type ShortcutHint = { aria: string | undefined; label: string | null };

export function useShortcutHint(id: string): ShortcutHint {
  const keys = useCommandKeys(id);
  return { aria: useAriaKeys(id), label: keys[0]?.join('+') ?? null };
}
