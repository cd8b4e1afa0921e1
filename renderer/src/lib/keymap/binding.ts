/**
 * Key bindings as strings: modifiers then the physical key's `event.code`, joined by "+", e.g.
 * "KeyJ", "Shift+KeyA", "Mod+Enter". "Mod" is ⌘ on a Mac and Ctrl elsewhere, so a stored binding
 * means the same on both. Matching the physical key (not `event.key`) keeps J the J key on
 * Russian, Greek or AZERTY layouts.
 */
export type Binding = string;

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const MODIFIERS = ['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift'] as const;
type Modifier = (typeof MODIFIERS)[number];

/** Codes of keys pressed alone to modify others: they never make a binding by themselves. */
const MODIFIER_CODES = /^(Shift|Control|Alt|Meta|OS|CapsLock|Fn)/;

type KeyStroke = Pick<KeyboardEvent, 'code' | 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** The code of the key, or one derived from a Latin `key` when the browser gave no code (some virtual keyboards). */
function codeOf(event: KeyStroke): string | null {
  if (event.code) return event.code;
  if (/^[a-z]$/i.test(event.key)) return `Key${event.key.toUpperCase()}`;
  if (/^[0-9]$/.test(event.key)) return `Digit${event.key}`;
  return null;
}

/** The binding a keystroke makes, or null for a modifier pressed alone or a key without a code. */
export function bindingFromEvent(event: KeyStroke, mac: boolean = isMac): Binding | null {
  const code = codeOf(event);
  if (code === null || MODIFIER_CODES.test(code)) return null;
  const held: Record<Modifier, boolean> = {
    Mod: mac ? event.metaKey : event.ctrlKey,
    Ctrl: mac && event.ctrlKey,
    Meta: !mac && event.metaKey,
    Alt: event.altKey,
    Shift: event.shiftKey,
  };
  return [...MODIFIERS.filter((modifier) => held[modifier]), code].join('+');
}

/** The modifiers and the code of a binding. */
export function splitBinding(binding: Binding): { modifiers: Modifier[]; code: string } {
  const parts = binding.split('+');
  const code = parts.pop() ?? '';
  return { modifiers: parts.filter((part): part is Modifier => (MODIFIERS as readonly string[]).includes(part)), code };
}

const CODE_LABELS: Record<string, string> = {
  Slash: '/',
  Period: '.',
  Comma: ',',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Escape: 'Esc',
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
};

function codeLabel(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  if (/^Numpad[0-9]$/.test(code)) return `Num ${code.slice(6)}`;
  return CODE_LABELS[code] ?? code;
}

/** The key caps to show for a binding, e.g. ["Ctrl", "Enter"] or ["⌘", "K"]; Shift+/ shows as "?". */
export function formatBinding(binding: Binding, mac: boolean = isMac): string[] {
  if (binding === 'Shift+Slash') return ['?'];
  const { modifiers, code } = splitBinding(binding);
  const names: Record<Modifier, string> = {
    Mod: mac ? '⌘' : 'Ctrl',
    Ctrl: 'Ctrl',
    Meta: 'Win',
    Alt: mac ? '⌥' : 'Alt',
    Shift: 'Shift',
  };
  return [...modifiers.map((modifier) => names[modifier]), codeLabel(code)];
}

/** The binding as `aria-keyshortcuts` spells it (e.g. "Control+Enter", "Shift+A", "?"). */
export function ariaKeys(binding: Binding, mac: boolean = isMac): string {
  if (binding === 'Shift+Slash') return '?';
  const { modifiers, code } = splitBinding(binding);
  const names: Record<Modifier, string> = {
    Mod: mac ? 'Meta' : 'Control',
    Ctrl: 'Control',
    Meta: 'Meta',
    Alt: 'Alt',
    Shift: 'Shift',
  };
  const key = CODE_LABELS[code] && code !== 'Escape' && !code.startsWith('Arrow') ? CODE_LABELS[code] : code;
  const label = /^Key[A-Z]$/.test(code) || /^Digit[0-9]$/.test(code) ? codeLabel(code) : key;
  return [...modifiers.map((modifier) => names[modifier]), label].join('+');
}
