import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { KeyCaps } from '../../components/KeyCaps';
import { formatBinding } from '../../lib/keymap/binding';
import { COMMANDS } from '../../lib/keymap/commands';
import { keysOf } from '../../lib/keymap/match';
import { runCommand, useCommand, useKeymapStore } from './registry';

/** Every word of the query appears in the command's name or group, in any order. */
function matches(query: string, text: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The command palette (Ctrl/⌘+K by default): finds any command available here by name, shows its
 * keys, and runs it with Enter once the palette has closed (so focus lands where the command puts it).
 */
export function CommandPalette() {
  const [query, setQuery] = useState('');
  const overrides = useKeymapStore((state) => state.overrides);
  const provided = useKeymapStore((state) => state.provided);
  const pending = useRef<string | null>(null);

  useCommand('palette.open', () => spotlight.open());

  const actions = useMemo(
    () =>
      COMMANDS.filter(
        (command) =>
          command.id !== 'palette.open' &&
          (provided[command.id] ?? 0) > 0 &&
          matches(query, `${command.name} ${command.group}`),
      ),
    [provided, query],
  );

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      transitionProps={{
        duration: 120,
        onExited: () => {
          const id = pending.current;
          pending.current = null;
          if (id) runCommand(id);
        },
      }}
      aria-label="Command palette"
    >
      <Spotlight.Search
        placeholder="Find a command…"
        aria-label="Find a command"
        leftSection={<IconSearch size={16} stroke={1.6} />}
        data-testid="palette-input"
      />
      <Spotlight.ActionsList>
        {actions.length === 0 ? (
          <Spotlight.Empty>No command matches “{query}”</Spotlight.Empty>
        ) : (
          actions.map((command) => {
            const keys = keysOf(command, overrides).map((binding) => formatBinding(binding));
            return (
              <Spotlight.Action
                key={command.id}
                label={command.name}
                description={command.group}
                rightSection={keys.length > 0 ? <KeyCaps keys={keys} /> : null}
                onClick={() => (pending.current = command.id)}
                data-testid="palette-action"
                data-command={command.id}
              />
            );
          })
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
