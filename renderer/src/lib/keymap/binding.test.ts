import { describe, expect, it } from 'vitest';
import { ariaKeys, bindingFromEvent, formatBinding } from './binding';

type Stroke = Parameters<typeof bindingFromEvent>[0];

function stroke(init: Partial<Stroke>): Stroke {
  return { code: '', key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init };
}

describe('bindingFromEvent', () => {
  it('reads the physical key, whatever letter the layout puts on it', () => {
    expect(bindingFromEvent(stroke({ code: 'KeyJ', key: 'j' }), false)).toBe('KeyJ');
    expect(bindingFromEvent(stroke({ code: 'KeyJ', key: 'о' }), false)).toBe('KeyJ'); // Russian
    expect(bindingFromEvent(stroke({ code: 'KeyJ', key: 'ξ' }), false)).toBe('KeyJ'); // Greek
    expect(bindingFromEvent(stroke({ code: 'Digit1', key: '&' }), false)).toBe('Digit1'); // AZERTY
  });

  it('names Ctrl on Windows and Linux and ⌘ on a Mac as Mod, in a fixed order', () => {
    expect(bindingFromEvent(stroke({ code: 'Enter', ctrlKey: true, shiftKey: true }), false)).toBe('Mod+Shift+Enter');
    expect(bindingFromEvent(stroke({ code: 'Enter', metaKey: true, shiftKey: true }), true)).toBe('Mod+Shift+Enter');
    expect(bindingFromEvent(stroke({ code: 'KeyK', ctrlKey: true }), true)).toBe('Ctrl+KeyK');
    expect(bindingFromEvent(stroke({ code: 'KeyK', metaKey: true }), false)).toBe('Meta+KeyK');
    expect(bindingFromEvent(stroke({ code: 'KeyA', altKey: true, shiftKey: true }), false)).toBe('Alt+Shift+KeyA');
  });

  it('makes no binding of a modifier pressed alone', () => {
    expect(bindingFromEvent(stroke({ code: 'ShiftLeft', key: 'Shift', shiftKey: true }), false)).toBeNull();
    expect(bindingFromEvent(stroke({ code: 'ControlRight', key: 'Control', ctrlKey: true }), false)).toBeNull();
    expect(bindingFromEvent(stroke({ code: 'MetaLeft', key: 'Meta', metaKey: true }), true)).toBeNull();
  });

  it('falls back to a Latin key when the browser gives no code, and gives up otherwise', () => {
    expect(bindingFromEvent(stroke({ key: 'j' }), false)).toBe('KeyJ');
    expect(bindingFromEvent(stroke({ key: '2' }), false)).toBe('Digit2');
    expect(bindingFromEvent(stroke({ key: 'о' }), false)).toBeNull();
  });
});

describe('formatBinding and ariaKeys', () => {
  it('show key caps for the platform', () => {
    expect(formatBinding('Mod+Enter', false)).toEqual(['Ctrl', 'Enter']);
    expect(formatBinding('Mod+Enter', true)).toEqual(['⌘', 'Enter']);
    expect(formatBinding('Shift+KeyA', false)).toEqual(['Shift', 'A']);
    expect(formatBinding('Shift+Slash', false)).toEqual(['?']);
    expect(formatBinding('Escape', false)).toEqual(['Esc']);
    expect(formatBinding('Mod+Period', false)).toEqual(['Ctrl', '.']);
  });

  it('spell aria-keyshortcuts', () => {
    expect(ariaKeys('KeyE', false)).toBe('E');
    expect(ariaKeys('Shift+KeyA', false)).toBe('Shift+A');
    expect(ariaKeys('Mod+Enter', false)).toBe('Control+Enter');
    expect(ariaKeys('Mod+Enter', true)).toBe('Meta+Enter');
    expect(ariaKeys('Slash', false)).toBe('/');
    expect(ariaKeys('Shift+Slash', false)).toBe('?');
    expect(ariaKeys('Escape', false)).toBe('Escape');
  });
});
