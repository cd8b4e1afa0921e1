import { Modal, SimpleGrid, Text } from '@mantine/core';
import classes from './ShortcutsDialog.module.css';
import { KeyCaps } from './KeyCaps';
import { SectionHeading } from './SectionHeading';

/** One command as the help lists it: its keys (alternatives, each pressed together) and what it does. */
export type Shortcut = { id: string; keys: string[][]; action: string; note?: string };
export type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

type Props = { opened: boolean; groups: ShortcutGroup[]; onClose: () => void };

export function ShortcutsDialog({ opened, groups, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size={720} data-testid="shortcuts-dialog">
      <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
        {groups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <SectionHeading>{group.title}</SectionHeading>
            <dl className={classes.list}>
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.id} className={classes.row} data-testid="shortcut" data-command={shortcut.id}>
                  <dt>
                    {shortcut.keys.length > 0 ? (
                      <KeyCaps keys={shortcut.keys} />
                    ) : (
                      <Text span size="xs" c="dimmed">
                        no key
                      </Text>
                    )}
                  </dt>
                  <dd>
                    {shortcut.action}
                    {shortcut.note && <span className={classes.note}>{shortcut.note}</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">
        Shortcuts use the key&apos;s place on the keyboard, so they work on any layout. Tab moves between controls, Esc
        closes a dialog. Change a key in Keyboard settings, from the command palette or your user menu.
      </Text>
    </Modal>
  );
}
