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

const COLUMNS = 'id, conversation_id, author_id, body, created_at, client_id';

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

/** Inserts an internal note and returns its change row (for `teamId`) to append. */
export async function insertNote(tx: Sql, note: Note, teamId: string): Promise<NewChange> {
  await tx.query(`insert into notes (${COLUMNS}) values ($1, $2, $3, $4, $5, $6)`, [
    note.id,
    note.conversationId,
    note.authorId,
    note.body,
    note.createdAt,
    note.clientId,
  ]);
  return { teamId, change: { kind: 'note', data: note } };
}

export async function listNotes(sql: Sql, conversationId: string): Promise<Note[]> {
  const rows = await sql.query<NoteRow>(
    `select ${COLUMNS} from notes where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
  return rows.map(toNote);
}
