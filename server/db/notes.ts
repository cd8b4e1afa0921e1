import type { Note } from '../../shared/domain/entities';
import type { NewChange } from './changes';
import { num } from './sql';
import type { Sql } from './sql';

interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string;
  body: string;
  created_at: string | number;
  client_id: string;
}

export const NOTE_COLUMNS = 'id, conversation_id, author_id, body, created_at, client_id';

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: num(row.created_at),
    clientId: row.client_id,
  };
}

/**
 * Inserts an internal note and returns its change row (for `teamId`) to append; null when a note
 * of this action id (`clientId`) is stored already (a concurrent repeat committed first).
 */
export async function insertNote(tx: Sql, note: Note, teamId: string): Promise<NewChange | null> {
  const rows = await tx.query(
    `insert into notes (${NOTE_COLUMNS}) values ($1, $2, $3, $4, $5, $6) on conflict (client_id) do nothing returning id`,
    [note.id, note.conversationId, note.authorId, note.body, note.createdAt, note.clientId],
  );
  return rows.length > 0 ? { teamId, change: { kind: 'note', data: note } } : null;
}

export async function listNotes(sql: Sql, conversationId: string): Promise<Note[]> {
  const rows = await sql.query<NoteRow>(
    `select ${NOTE_COLUMNS} from notes where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
  return rows.map(toNote);
}
