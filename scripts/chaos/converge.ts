// After the drain, each engine's view of the conversations must be the server's: same status,
// assignee, tags and snooze, same messages and notes (no pending copy left behind, none missing);
// and its rep's canned resolutions must be the server's copy of them.
import { num } from '../../server/db/sql';
import type { Sql } from '../../server/db/sql';
import { compareLibraries } from './library';
import type { ConversationSnapshot, LibraryItem } from './messages';

export interface Divergence {
  engine: number;
  /** A conversation's id, or `library` for the rep's canned resolutions. */
  subject: string;
  /** What differs, each as `field: engine value ≠ server value`. */
  differences: string[];
}

/**
 * The highest change seq `userId`, a member of `teamId`, sees: where their caught-up cache's
 * cursor is (rows addressed to their team, to them, or to everyone).
 */
export async function visibleSeq(sql: Sql, teamId: string, userId: string): Promise<number> {
  const rows = await sql.query<{ seq: unknown }>(
    `select max(seq) as seq from changes
     where team_id = $1 or (team_id is null and (user_id is null or user_id = $2))`,
    [teamId, userId],
  );
  return num(rows[0]?.seq ?? 0);
}

/** The engine's library against the server's copy of its user's. */
export function compareLibrary(
  engine: number,
  cached: readonly LibraryItem[],
  server: readonly LibraryItem[],
): Divergence[] {
  const differences = compareLibraries(cached, server);
  return differences.length > 0 ? [{ engine, subject: 'library', differences }] : [];
}

export async function serverSnapshots(sql: Sql, conversationIds: readonly string[]): Promise<ConversationSnapshot[]> {
  const ids = [...conversationIds];
  const conversations = await sql.query<{
    id: string;
    status: string;
    assignee_id: string | null;
    tags: string[];
    snoozed_until: unknown;
  }>('select id, status, assignee_id, tags, snoozed_until from conversations where id = any($1::text[])', [ids]);
  const messages = await sql.query<{ conversation_id: string; id: string }>(
    'select conversation_id, id from messages where conversation_id = any($1::text[])',
    [ids],
  );
  const notes = await sql.query<{ conversation_id: string; id: string }>(
    'select conversation_id, id from notes where conversation_id = any($1::text[])',
    [ids],
  );
  const idsOf = (rows: { conversation_id: string; id: string }[], id: string) =>
    rows
      .filter((row) => row.conversation_id === id)
      .map((row) => row.id)
      .sort();
  return conversations.map((row) => ({
    id: row.id,
    status: row.status,
    assigneeId: row.assignee_id,
    tags: [...row.tags].sort(),
    snoozedUntil: row.snoozed_until === null ? null : num(row.snoozed_until),
    messageIds: idsOf(messages, row.id),
    noteIds: idsOf(notes, row.id),
  }));
}

export function compareSnapshots(
  engine: number,
  cached: readonly ConversationSnapshot[],
  server: readonly ConversationSnapshot[],
): Divergence[] {
  const truth = new Map(server.map((snapshot) => [snapshot.id, snapshot]));
  const divergences: Divergence[] = [];
  for (const view of cached) {
    const real = truth.get(view.id);
    if (!real) {
      divergences.push({ engine, subject: view.id, differences: ['not on the server'] });
      continue;
    }
    const differences: string[] = [];
    for (const field of ['status', 'assigneeId', 'tags', 'snoozedUntil'] as const) {
      const a = JSON.stringify(view[field]);
      const b = JSON.stringify(real[field]);
      if (a !== b) differences.push(`${field}: ${a} ≠ ${b}`);
    }
    for (const field of ['messageIds', 'noteIds'] as const) {
      const extra = view[field].filter((id) => !real[field].includes(id));
      const missing = real[field].filter((id) => !view[field].includes(id));
      if (extra.length > 0) differences.push(`${field}: only in the cache ${extra.join(', ')}`);
      if (missing.length > 0) differences.push(`${field}: missing from the cache ${missing.join(', ')}`);
    }
    if (differences.length > 0) divergences.push({ engine, subject: view.id, differences });
  }
  return divergences;
}
