// Internal notes: the server's, and this rep's own while they wait in the outbox.
import type { Note } from '../../../shared/domain';
import type { Db } from './open';
import { prepared } from './statements';

interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string;
  body: string;
  created_at: number;
  client_id: string;
  pending: number;
}

export type CachedNote = Note & { pending: boolean };

function toNote(row: NoteRow): CachedNote {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: row.created_at,
    clientId: row.client_id,
    pending: row.pending === 1,
  };
}

/** The server's copy of a note replaces the local one that carried the same action id. */
export function upsertNote(db: Db, note: Note): void {
  prepared(db, 'DELETE FROM notes WHERE client_id = ? AND id <> ?').run(note.clientId, note.id);
  writeNote(db, note, false);
}

export function insertLocalNote(db: Db, note: Note): void {
  writeNote(db, note, true);
}

function writeNote(db: Db, note: Note, pending: boolean): void {
  prepared(
    db,
    `INSERT INTO notes (id, conversation_id, author_id, body, created_at, client_id, pending)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, author_id = excluded.author_id,
       body = excluded.body, created_at = excluded.created_at, client_id = excluded.client_id,
       pending = excluded.pending`,
  ).run(note.id, note.conversationId, note.authorId, note.body, note.createdAt, note.clientId, pending ? 1 : 0);
}

export function deleteNote(db: Db, id: string): void {
  prepared(db, 'DELETE FROM notes WHERE id = ?').run(id);
}

export function listNotes(db: Db, conversationId: string): CachedNote[] {
  return (
    prepared(db, 'SELECT * FROM notes WHERE conversation_id = ? ORDER BY created_at, id').all(
      conversationId,
    ) as NoteRow[]
  ).map(toNote);
}
