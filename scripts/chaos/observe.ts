// Reads what the verifier needs from the server's tables, once the server has stopped.
import { CannedResolution, Conversation } from '../../shared/domain/entities';
import { ActionResult } from '../../shared/sync';
import { CONVERSATION_COLUMNS, toConversation } from '../../server/db/conversations';
import type { ConversationRow } from '../../server/db/conversations';
import { num } from '../../server/db/sql';
import type { Sql } from '../../server/db/sql';
import type { StoredText } from './content';
import type { LibraryItem } from './messages';
import type { ServerState } from './verify';

interface Scope {
  /** The engines' users: their applied actions, replies and notes. */
  userIds: readonly string[];
  /** The workload's conversations: their rows and their conversation changes after `sinceSeq`. */
  conversationIds: readonly string[];
  sinceSeq: number;
}

export async function observeServer(sql: Sql, scope: Scope): Promise<ServerState> {
  const users = [...scope.userIds];
  const ids = [...scope.conversationIds];
  const applied = await sql.query<{
    id: string;
    user_id: string;
    type: string;
    conversation_id: string | null;
    result: unknown;
  }>('select id, user_id, type, conversation_id, result from applied_actions where user_id = any($1::text[])', [users]);
  const actionChanges = await sql.query<{ action_id: string; kind: string; entity_id: string; seq: unknown }>(
    'select action_id, kind, entity_id, seq from changes where action_id is not null',
  );
  const resolutionChanges = await sql.query<{
    seq: unknown;
    action_id: string | null;
    team_id: string | null;
    user_id: string | null;
    entity_id: string;
    kind: string;
    payload: unknown;
  }>(
    `select seq, action_id, team_id, user_id, entity_id, kind, payload from changes
     where seq > $1 and (kind = 'resolution' or (kind = 'delete' and payload->>'entity' = 'resolution')) order by seq`,
    [scope.sinceSeq],
  );
  const conversationChanges = await sql.query<{ seq: unknown; action_id: string | null; payload: unknown }>(
    `select seq, action_id, payload from changes
     where kind = 'conversation' and entity_id = any($1::text[]) and seq > $2 order by seq`,
    [ids, scope.sinceSeq],
  );
  const messages = await sql.query<TextRow>(
    `select ${TEXT_COLUMNS} from messages where client_id is not null and author_id = any($1::text[])`,
    [users],
  );
  const notes = await sql.query<TextRow>(`select ${TEXT_COLUMNS} from notes where author_id = any($1::text[])`, [
    users,
  ]);
  return {
    applied: applied.map((row) => ({
      id: row.id,
      userId: row.user_id,
      type: row.type,
      conversationId: row.conversation_id,
      refusedParts: (ActionResult.parse(row.result).results ?? []).flatMap((outcome) =>
        outcome.ok ? [] : [{ conversationId: outcome.conversationId, reason: outcome.error.message }],
      ),
    })),
    actionChanges: actionChanges.map((row) => ({
      actionId: row.action_id,
      kind: row.kind,
      entityId: row.entity_id,
      seq: num(row.seq),
    })),
    conversationChanges: conversationChanges.map((row) => ({
      seq: num(row.seq),
      actionId: row.action_id,
      conversation: Conversation.parse(row.payload),
    })),
    messages: messages.map((row) => ({ ...row, createdAt: num(row.createdAt) })),
    notes: notes.map((row) => ({ ...row, createdAt: num(row.createdAt) })),
    conversations: await readConversations(sql, ids),
    resolutionChanges: resolutionChanges.map((row) => ({
      seq: num(row.seq),
      actionId: row.action_id,
      teamId: row.team_id,
      userId: row.user_id,
      entityId: row.entity_id,
      item: row.kind === 'resolution' ? toLibraryItem(CannedResolution.parse(row.payload)) : null,
    })),
    libraries: await readLibraries(sql, users),
  };
}

/** The canned resolutions of these users as the server holds them. */
export async function readLibraries(sql: Sql, userIds: readonly string[]): Promise<LibraryItem[]> {
  const rows = await sql.query<{ id: string; owner_id: string; title: string; body: string }>(
    'select id, owner_id, title, body from canned_resolutions where owner_id = any($1::text[]) order by id',
    [[...userIds]],
  );
  return rows.map((row) => ({ id: row.id, ownerId: row.owner_id, title: row.title, body: row.body }));
}

export function toLibraryItem({ id, ownerId, title, body }: LibraryItem): LibraryItem {
  return { id, ownerId, title, body };
}

/** The conversations' rows as the server's repository reads them. */
export async function readConversations(sql: Sql, ids: readonly string[]): Promise<Conversation[]> {
  const rows = await sql.query<ConversationRow>(
    `select ${CONVERSATION_COLUMNS} from conversations where id = any($1::text[]) order by id`,
    [[...ids]],
  );
  return rows.map(toConversation);
}

/** The highest seq in the change log: what came before it is the starting point. */
export async function lastSeq(sql: Sql): Promise<number> {
  const rows = await sql.query<{ seq: unknown }>('select coalesce(max(seq), 0) as seq from changes');
  return num(rows[0]?.seq ?? 0);
}

/** A reply or note, named as StoredText names its fields (the time as the driver returns it). */
type TextRow = Omit<StoredText, 'createdAt'> & { createdAt: unknown };
const TEXT_COLUMNS =
  'id, client_id as "clientId", conversation_id as "conversationId", author_id as "authorId", body, created_at as "createdAt"';
