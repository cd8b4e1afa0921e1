import { Kbd } from '@mantine/core';
import { Fragment } from 'react';
import classes from './KeyCaps.module.css';

/** Key caps for a list of alternatives, each the keys pressed together: "J or ↓", "Ctrl + Enter". */
export function KeyCaps({ keys }: { keys: string[][] }) {
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
