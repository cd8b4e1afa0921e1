import { useEffect } from 'react';
import { useKeymap } from '../../api/keymap';
import { bindingFromEvent } from '../../lib/keymap/binding';
import { keyContext } from '../../lib/keymap/context';
import { findCommand } from '../../lib/keymap/match';
import { CommandPalette } from './CommandPalette';
import { KeyboardSettings } from './KeyboardSettings';
import { isProvided, runCommand, useCommand, useKeymapStore } from './registry';

/**
 * The one window keydown listener of the workspace: the physical key and modifiers, matched
 * against the commands the mounted features provide (lib/keymap). Also loads the rep's remaps and
 * holds the command palette and the keyboard settings.
 */
export function KeymapLayer() {
  const keymap = useKeymap();
  const setOverrides = useKeymapStore((state) => state.setOverrides);
  const setHelpOpen = useKeymapStore((state) => state.setHelpOpen);

  useEffect(() => {
    setOverrides(keymap.data?.bindings ?? {});
  }, [keymap.data, setOverrides]);
  // Another rep signing in here starts from their own keys.
  useEffect(() => () => setOverrides({}), [setOverrides]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = findCommand(
        bindingFromEvent(event),
        keyContext(event),
        useKeymapStore.getState().overrides,
        isProvided,
      );
      if (!command) return;
      event.preventDefault();
      runCommand(command.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useCommand('shortcuts.help', () => setHelpOpen(true));

  return (
    <>
      <CommandPalette />
      <KeyboardSettings />
    </>
  );
}
