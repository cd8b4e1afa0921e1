import { useEffect } from 'react';
import type { KeyboardEvent } from 'react';
import { hasModifier, isShortcutKeystroke } from '../../lib/keyboard';

type Options = {
  count: number;
  activeIndex: number;
  move: (index: number) => void;
  open: (index: number) => void;
};

function step(key: string): number {
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return 1;
    case 'ArrowUp':
    case 'k':
      return -1;
    default:
      return 0;
  }
}

/**
 * Inside the list: arrows, j/k, Home/End move; Enter opens. Anywhere else (outside text fields)
 * j/k jump into the list, so a rep never has to reach for the mouse.
 */
export function useInboxKeyboard({ count, activeIndex, move, open }: Options) {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.key !== 'j' && event.key !== 'k') || !isShortcutKeystroke(event)) return;
      if (event.target instanceof HTMLElement && event.target.closest('[data-inbox-list]')) return;
      if (count === 0) return;
      event.preventDefault();
      move(Math.min(count - 1, Math.max(0, activeIndex + step(event.key))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, activeIndex, move]);

  return (event: KeyboardEvent<HTMLElement>) => {
    if (hasModifier(event) || count === 0) return;
    const delta = step(event.key);
    if (delta !== 0) {
      event.preventDefault();
      move(Math.min(count - 1, Math.max(0, activeIndex + delta)));
    } else if (event.key === 'Home') {
      event.preventDefault();
      move(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      move(count - 1);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(activeIndex);
    }
  };
}
