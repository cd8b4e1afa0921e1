import { ActionIcon, Alert, Button, Group, Modal, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useKeymap, useSaveKeymap } from '../../api/keymap';
import { KeyCaps } from '../../components/KeyCaps';
import { SectionHeading } from '../../components/SectionHeading';
import { bindingFromEvent, formatBinding } from '../../lib/keymap/binding';
import { COMMAND_GROUPS, COMMANDS } from '../../lib/keymap/commands';
import { keysOf, refuseBinding, withBinding } from '../../lib/keymap/match';
import type { Overrides } from '../../lib/keymap/match';
import { errorMessage } from '../../transport';
import { useCommand, useKeymapStore } from './registry';

/**
 * Keyboard settings: every command with its keys; "Change" records the next key pressed (Esc
 * cancels), a key another command uses is refused with its name, and each command resets to its
 * default. Saved in this machine's cache for the signed-in rep (`keymap:save`).
 */
export function KeyboardSettings() {
  const opened = useKeymapStore((state) => state.settingsOpen);
  const setOpened = useKeymapStore((state) => state.setSettingsOpen);
  const overrides = useKeymapStore((state) => state.overrides);
  const provided = useKeymapStore((state) => state.provided);
  const keymap = useKeymap();
  const save = useSaveKeymap();
  const [recording, setRecording] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useCommand('keymap.settings', () => setOpened(true));

  const store = (next: Overrides) => {
    setProblem(null);
    save.mutate({ bindings: next }, { onError: (error) => setProblem(errorMessage(error)) });
  };

  const record = (commandId: string, event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Tab') return setRecording(null);
    event.preventDefault();
    // Esc here belongs to the recording, not to the dialog.
    event.stopPropagation();
    if (event.code === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey)
      return setRecording(null);
    const binding = bindingFromEvent(event.nativeEvent);
    if (binding === null) return; // a modifier on its own: wait for the key
    setRecording(null);
    const refused = refuseBinding(binding, commandId, overrides);
    if (refused) return setProblem(refused);
    store(withBinding(overrides, commandId, [binding]));
  };

  const close = () => {
    setRecording(null);
    setProblem(null);
    setOpened(false);
  };

  return (
    <Modal opened={opened} onClose={close} title="Keyboard settings" size={640} data-testid="keymap-settings">
      <Text size="sm" c="dimmed" mb="sm">
        Choose Change, then press the new key. Keys follow their place on the keyboard, whatever the layout.
      </Text>
      {keymap.isError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} mb="sm" role="alert">
          Could not load your keys: {errorMessage(keymap.error)}
        </Alert>
      )}
      {problem && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={16} />}
          mb="sm"
          role="alert"
          data-testid="keymap-error"
        >
          {problem}
        </Alert>
      )}
      {COMMAND_GROUPS.map((group) => (
        <section key={group} aria-label={group}>
          <SectionHeading>{group}</SectionHeading>
          <Table verticalSpacing={4} horizontalSpacing="xs" mb="sm">
            <Table.Tbody>
              {COMMANDS.filter(
                (command) => command.group === group && (!command.optional || (provided[command.id] ?? 0) > 0),
              ).map((command) => {
                const keys = keysOf(command, overrides);
                const changed = overrides[command.id] !== undefined;
                const listening = recording === command.id;
                return (
                  <Table.Tr key={command.id} data-testid="keymap-row" data-command={command.id}>
                    <Table.Td>
                      <Text size="sm">{command.name}</Text>
                    </Table.Td>
                    <Table.Td w={170} data-testid="keymap-keys">
                      {keys.length > 0 ? (
                        <KeyCaps keys={keys.map((binding) => formatBinding(binding))} />
                      ) : (
                        <Text span size="xs" c="dimmed">
                          no key
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td w={150}>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-xs"
                          variant={listening ? 'filled' : 'default'}
                          aria-label={
                            listening ? `Press the new key for ${command.name}` : `Change the key of ${command.name}`
                          }
                          onClick={() => {
                            setProblem(null);
                            setRecording(listening ? null : command.id);
                          }}
                          onKeyDown={listening ? (event) => record(command.id, event) : undefined}
                          onBlur={() => listening && setRecording(null)}
                          loading={save.isPending && save.variables.bindings[command.id] !== overrides[command.id]}
                          data-testid="keymap-change"
                        >
                          {listening ? 'Press a key…' : 'Change'}
                        </Button>
                        <Tooltip label="Back to the default key">
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            aria-label={`Reset ${command.name} to its default key`}
                            disabled={!changed}
                            onClick={() => store(withBinding(overrides, command.id, null))}
                            data-testid="keymap-reset"
                          >
                            <IconArrowBackUp size={14} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </section>
      ))}
      <Group justify="flex-end">
        <Button
          size="xs"
          variant="default"
          disabled={Object.keys(overrides).length === 0}
          onClick={() => store({})}
          data-testid="keymap-reset-all"
        >
          Reset every key
        </Button>
        <Button size="xs" onClick={close}>
          Done
        </Button>
      </Group>
    </Modal>
  );
}
