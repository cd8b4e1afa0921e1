import { IconNote } from '@tabler/icons-react';
import type { Note } from '../../../shared/domain';
import { formatFull, formatMessageTime } from '../lib/time';
import classes from './Message.module.css';
import { PendingMark } from './PendingMark';

type Props = {
  note: Note & { pending: boolean };
  authorName: string | null;
  now: number;
  online: boolean;
};

/** An internal note in the thread: tinted, labelled, never mistaken for a message to the customer. */
export function NoteItem({ note, authorName, now, online }: Props) {
  return (
    <div
      className={classes.note}
      data-testid="note"
      data-note-id={note.id}
      data-pending={note.pending || undefined}
      role="note"
      aria-label={`Internal note by ${authorName ?? 'a teammate'}`}
    >
      <div className={classes.meta}>
        <span className={classes.noteLabel}>
          <IconNote size={12} aria-hidden /> Internal note
        </span>
        <span className={classes.author}>{authorName ?? 'Teammate'}</span>
        <time dateTime={new Date(note.createdAt).toISOString()} title={formatFull(note.createdAt)}>
          {formatMessageTime(note.createdAt, now)}
        </time>
        {note.pending && <PendingMark online={online} />}
      </div>
      <div className={classes.noteBody}>{note.body}</div>
    </div>
  );
}
