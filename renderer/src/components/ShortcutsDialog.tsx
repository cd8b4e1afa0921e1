import { Kbd, Modal, SimpleGrid } from '@mantine/core';
import { Fragment } from 'react';
import type { ShortcutGroup } from '../lib/shortcuts';
import classes from './ShortcutsDialog.module.css';
import { SectionHeading } from './SectionHeading';

type Props = { opened: boolean; groups: ShortcutGroup[]; onClose: () => void };

function Keys({ keys }: { keys: string[][] }) {
  return (
    <span className={classes.keys}>
      {keys.map((combo, i) => (
        <Fragment key={combo.join('+')}>
          {i > 0 && <span className={classes.or}>or</span>}
          {combo.map((key, j) => (
            <Fragment key={key}>
              {j > 0 && <span className={classes.plus}>+</span>}
              <Kbd size="xs">{key}</Kbd>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </span>
  );
}

export function ShortcutsDialog({ opened, groups, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size={680} data-testid="shortcuts-dialog">
      <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
        {groups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <SectionHeading>{group.title}</SectionHeading>
            <dl className={classes.list}>
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.action} className={classes.row}>
                  <dt>
                    <Keys keys={shortcut.keys} />
                  </dt>
                  <dd>{shortcut.action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </SimpleGrid>
    </Modal>
  );
}
