import { IconClock } from '@tabler/icons-react';
import classes from './Message.module.css';

/** A reply or note stored on this computer and not yet acknowledged by the server. */
export function PendingMark({ online }: { online: boolean }) {
  return online ? (
    <span className={classes.status} title="Saved on this computer, being sent" data-testid="pending-mark">
      <IconClock size={11} aria-hidden /> Sending…
    </span>
  ) : (
    <span
      className={classes.status}
      title="Saved on this computer; it is sent when the connection returns"
      data-testid="pending-mark"
    >
      <IconClock size={11} aria-hidden /> Waiting to send
    </span>
  );
}
