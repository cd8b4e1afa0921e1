import type { ReactNode } from 'react';
import classes from './SectionHeading.module.css';

/** The small upper-case heading of a panel section ("Identities", "Orders"). */
export function SectionHeading({ children }: { children: ReactNode }) {
  return <h3 className={classes.heading}>{children}</h3>;
}
