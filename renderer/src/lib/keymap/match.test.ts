import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { findCommand, keysOf, refuseBinding, withBinding } from './match';
import type { KeyContext } from './match';

const OUTSIDE: KeyContext = {
  typing: false,
  inList: false,
  inComposer: false,
  modal: false,
  handled: false,
  repeat: false,
};
const IN_LIST: KeyContext = { ...OUTSIDE, inList: true };
const IN_COMPOSER: KeyContext = { ...OUTSIDE, typing: true, inComposer: true };
const IN_SEARCH: KeyContext = { ...OUTSIDE, typing: true };
const all = (_id: string) => true;

function found(binding: string, context: KeyContext, overrides = {}, available = all): string | null {
  return findCommand(binding, context, overrides, available)?.id ?? null;
}

describe('findCommand', () => {
  it('runs the command bound to the physical key outside text fields', () => {
    expect(found('KeyJ', OUTSIDE)).toBe('inbox.next');
    expect(found('KeyJ', IN_LIST)).toBe('inbox.next');
    expect(found('Shift+KeyA', OUTSIDE)).toBe('conversation.assign');
    expect(found('KeyA', OUTSIDE)).toBe('conversation.assignMe');
    expect(found('Shift+Slash', OUTSIDE)).toBe('shortcuts.help');
  });

  it('tells modifiers apart', () => {
    expect(found('Mod+KeyJ', OUTSIDE)).toBeNull();
    expect(found('Alt+KeyE', OUTSIDE)).toBeNull();
    expect(found('Mod+Shift+Enter', IN_COMPOSER)).toBe('composer.sendResolve');
    expect(found('Mod+Enter', IN_COMPOSER)).toBe('composer.send');
  });

  it('never fires a plain key while typing, but does fire the ones marked for text fields', () => {
    expect(found('KeyJ', IN_SEARCH)).toBeNull();
    expect(found('KeyE', IN_COMPOSER)).toBeNull();
    expect(found('Digit1', IN_COMPOSER)).toBeNull();
    expect(found('Mod+KeyK', IN_SEARCH)).toBe('palette.open');
    expect(found('Mod+Period', IN_COMPOSER)).toBe('canned.open');
    expect(found('Escape', IN_COMPOSER)).toBe('composer.leave');
  });

  it('keeps scoped keys to their place', () => {
    expect(found('Enter', IN_LIST)).toBe('inbox.open');
    expect(found('Enter', OUTSIDE)).toBeNull();
    expect(found('Mod+Enter', IN_SEARCH)).toBeNull();
    expect(found('Escape', IN_SEARCH)).toBeNull();
  });

  it('stays quiet behind a modal dialog and for keys something else handled', () => {
    expect(found('KeyJ', { ...OUTSIDE, modal: true })).toBeNull();
    expect(found('Mod+KeyK', { ...OUTSIDE, modal: true })).toBeNull();
    expect(found('KeyJ', { ...OUTSIDE, handled: true })).toBeNull();
  });

  it('repeats moving while a key is held, and nothing else', () => {
    expect(found('KeyJ', { ...OUTSIDE, repeat: true })).toBe('inbox.next');
    expect(found('KeyK', { ...OUTSIDE, repeat: true })).toBe('inbox.previous');
    expect(found('KeyE', { ...OUTSIDE, repeat: true })).toBeNull();
    expect(found('Mod+Enter', { ...IN_COMPOSER, repeat: true })).toBeNull();
  });

  it('skips a command nobody provides, and follows remaps', () => {
    expect(found('Mod+Period', IN_COMPOSER, {}, (id) => id !== 'canned.open')).toBeNull();
    const overrides = { 'conversation.resolve': ['KeyX'] };
    expect(found('KeyX', OUTSIDE, overrides)).toBe('conversation.resolve');
    expect(found('KeyE', OUTSIDE, overrides)).toBeNull();
    expect(found(null as unknown as string, OUTSIDE)).toBeNull();
  });
});

describe('refuseBinding', () => {
  it('refuses a key another command uses where both listen, naming it', () => {
    expect(refuseBinding('KeyJ', 'conversation.resolve', {})).toBe(
      'J is already "Next conversation". Change that one first, or choose another key.',
    );
    // After J is moved elsewhere it is free.
    const moved = withBinding({}, 'inbox.next', ['KeyM']);
    expect(refuseBinding('KeyJ', 'conversation.resolve', moved)).toBeNull();
  });

  it('allows the same key in places that never overlap', () => {
    // Enter opens in the list; Ctrl+Enter sends in the reply box; Esc leaves the reply box.
    expect(refuseBinding('Mod+KeyL', 'composer.send', {})).toBeNull();
    expect(refuseBinding('Escape', 'composer.leave', {})).toBeNull();
  });

  it('refuses keys the widgets and the system need', () => {
    expect(refuseBinding('Tab', 'inbox.next', {})).toMatch(/Tab moves between controls/);
    expect(refuseBinding('Enter', 'conversation.resolve', {})).toMatch(/kept for buttons/);
    expect(refuseBinding('Space', 'inbox.next', {})).toMatch(/kept for buttons/);
    expect(refuseBinding('Mod+KeyC', 'palette.open', {})).toMatch(/kept for the system/);
  });

  it('asks for Ctrl, ⌘ or Alt on commands that work while typing', () => {
    expect(refuseBinding('KeyS', 'composer.send', {})).toMatch(/works while typing/);
    expect(refuseBinding('KeyP', 'palette.open', {})).toMatch(/works while typing/);
    expect(refuseBinding('Alt+KeyS', 'composer.send', {})).toBeNull();
  });

  it('names an unknown command', () => {
    expect(refuseBinding('KeyX', 'nope', {})).toBe('There is no command "nope".');
  });
});

describe('the default keymap', () => {
  it('has no key that two commands share where both listen', () => {
    for (const command of COMMANDS)
      for (const binding of command.defaultKeys)
        expect(refuseBinding(binding, command.id, {}), `${command.id} ${binding}`).toBeNull();
  });

  it('covers every action the issue lists', () => {
    const ids = COMMANDS.map((command) => command.id);
    for (const id of [
      'inbox.next',
      'inbox.previous',
      'inbox.open',
      'composer.reply',
      'composer.note',
      'suggestion.1',
      'suggestion.2',
      'suggestion.3',
      'composer.send',
      'composer.sendResolve',
      'conversation.assignMe',
      'conversation.assign',
      'conversation.snooze',
      'conversation.resolve',
      'conversation.tag',
      'search.focus',
      'view.all',
      'canned.open',
      'shortcuts.help',
      'palette.open',
    ])
      expect(ids).toContain(id);
  });
});

describe('withBinding', () => {
  it('drops a command that is back on its defaults', () => {
    const remapped = withBinding({}, 'conversation.resolve', ['KeyX']);
    expect(remapped).toEqual({ 'conversation.resolve': ['KeyX'] });
    expect(withBinding(remapped, 'conversation.resolve', ['KeyE'])).toEqual({});
    expect(withBinding(remapped, 'conversation.resolve', null)).toEqual({});
    const resolve = COMMANDS.find((c) => c.id === 'conversation.resolve');
    expect(resolve && keysOf(resolve, remapped)).toEqual(['KeyX']);
  });
});
