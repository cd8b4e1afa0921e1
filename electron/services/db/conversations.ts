// The inbox list and the conversation view.
import type { ConversationDetail, ConversationPage, ConversationSummary, InboxFilter } from '../../../shared/api';
import { CaredeskError, lifetimeValue } from '../../../shared/domain';
import type { Channel, ConversationStatus, Customer } from '../../../shared/domain';
import { listNotes } from './notes';
import type { Db } from './open';
import { SUMMARY_COLUMNS, toCustomer, toMessage, toOrder, toSummary } from './rows';
import type { ConversationRow, CustomerRow, IdentityRow, MessageRow } from './rows';
import { prepared } from './statements';

export interface ListQuery {
  /** The signed-in user, for "mine" and "team". */
  userId: string;
  /** The user's teams, for "team" without a teamId. */
  userTeamIds: readonly string[];
  filter: InboxFilter;
  teamId?: string | undefined;
  channel?: Channel | undefined;
  status?: ConversationStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

interface Where {
  sql: string[];
  params: unknown[];
}

/**
 * One page of the inbox, newest activity first, keyset-paged on (last_message_at, id) so every
 * page is an index range (see the conversations_* indexes and conversations.test.ts).
 */
export function listConversations(db: Db, query: ListQuery): ConversationPage {
  const teamIds = query.filter === 'team' ? (query.teamId !== undefined ? [query.teamId] : [...query.userTeamIds]) : [];
  if (query.filter === 'team' && teamIds.length === 0) return { items: [], nextCursor: null, total: 0 };

  const base = filterWhere(query);
  const total = countMatching(db, query, teamIds);

  const after = query.cursor !== undefined ? decodeCursor(query.cursor) : null;
  const rows =
    teamIds.length > 0 ? teamPage(db, base, teamIds, after, query.limit + 1) : page(db, base, after, query.limit + 1);
  const items = rows.slice(0, query.limit).map(toSummary);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.lastMessageAt, last.id) : null;
  return { items, nextCursor, total };
}

function filterWhere(query: ListQuery): Where {
  const where: Where = { sql: [], params: [] };
  if (query.filter === 'mine') {
    where.sql.push('c.assignee_id = ?');
    where.params.push(query.userId);
  } else if (query.filter === 'unassigned') {
    where.sql.push('c.assignee_id IS NULL');
  }
  if (query.channel !== undefined) {
    where.sql.push('c.channel = ?');
    where.params.push(query.channel);
  }
  if (query.status !== undefined) {
    where.sql.push('c.status = ?');
    where.params.push(query.status);
  }
  return where;
}

function and(...parts: Where[]): Where {
  return { sql: parts.flatMap((p) => p.sql), params: parts.flatMap((p) => p.params) };
}

function whereSql(where: Where): string {
  return where.sql.length > 0 ? `WHERE ${where.sql.join(' AND ')}` : '';
}

function keyset(after: [number, string] | null): Where {
  return after ? { sql: ['(c.last_message_at, c.id) < (?, ?)'], params: after } : { sql: [], params: [] };
}

function team(teamId: string): Where {
  return { sql: ['c.team_id = ?'], params: [teamId] };
}

/** From the maintained totals (migration 003), not by counting conversations. */
function countMatching(db: Db, query: ListQuery, teamIds: readonly string[]): number {
  const where: Where = { sql: [], params: [] };
  if (query.filter === 'mine') {
    where.sql.push('assignee_id = ?');
    where.params.push(query.userId);
  } else if (query.filter === 'unassigned') {
    where.sql.push("assignee_id = ''");
  } else {
    where.sql.push("assignee_id = '*'");
  }
  if (teamIds.length > 0) {
    where.sql.push(`team_id IN (${teamIds.map(() => '?').join(', ')})`);
    where.params.push(...teamIds);
  }
  if (query.channel !== undefined) {
    where.sql.push('channel = ?');
    where.params.push(query.channel);
  }
  if (query.status !== undefined) {
    where.sql.push('status = ?');
    where.params.push(query.status);
  }
  const row = prepared(db, `SELECT coalesce(sum(n), 0) AS n FROM conversation_counts ${whereSql(where)}`).get(
    ...where.params,
  ) as { n: number };
  return row.n;
}

function page(db: Db, where: Where, after: [number, string] | null, limit: number): ConversationRow[] {
  const full = and(where, keyset(after));
  return prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM conversations c ${whereSql(full)}
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?`,
  ).all(...full.params, limit) as ConversationRow[];
}

/**
 * Several teams: one index range per team, merged. An IN list would make SQLite sort every
 * matching conversation to find the newest few.
 */
function teamPage(
  db: Db,
  base: Where,
  teamIds: readonly string[],
  after: [number, string] | null,
  limit: number,
): ConversationRow[] {
  const merged = teamIds.flatMap((id) => page(db, and(team(id), base), after, limit));
  merged.sort((a, b) => b.last_message_at - a.last_message_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return merged.slice(0, limit);
}

function encodeCursor(lastMessageAt: number, id: string): string {
  return Buffer.from(JSON.stringify([lastMessageAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && typeof value[1] === 'string') {
      return [value[0] as number, value[1]];
    }
  } catch {
    // fall through
  }
  throw new CaredeskError('invalid_input', 'That page of the inbox is no longer valid. Reload the list.');
}

export function getConversationSummary(db: Db, id: string): ConversationSummary | null {
  const row = prepared(db, `SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.id = ?`).get(id) as
    ConversationRow | undefined;
  return row ? toSummary(row) : null;
}

/** The conversation view: every message in time order, the customer and their orders. */
export function getConversation(db: Db, id: string): ConversationDetail {
  const conversation = getConversationSummary(db, id);
  if (!conversation) throw new CaredeskError('not_found', 'This conversation is not in your inbox (any more).');

  const messages = (
    prepared(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, seq').all(id) as MessageRow[]
  ).map(toMessage);
  const customer = getCustomer(db, conversation.customerId) ?? {
    // The customer record has not arrived yet; show what the list knows.
    id: conversation.customerId,
    name: conversation.customerName,
    email: null,
    createdAt: conversation.createdAt,
    identities: [],
  };
  const orders = (
    prepared(db, 'SELECT doc FROM orders WHERE customer_id = ? ORDER BY placed_at DESC').all(customer.id) as {
      doc: string;
    }[]
  ).map((row) => toOrder(row.doc));

  const notes = listNotes(db, id);
  const authorIds = [
    ...new Set([
      ...messages.flatMap((m) => (m.authorId === null ? [] : [m.authorId])),
      ...notes.map((n) => n.authorId),
    ]),
  ];
  const authors: ConversationDetail['authors'] = {};
  for (const authorId of authorIds) {
    const user = prepared(db, 'SELECT id, name FROM users WHERE id = ?').get(authorId) as
      { id: string; name: string } | undefined;
    if (user) authors[user.id] = user;
  }
  return {
    conversation,
    messages,
    notes,
    customer,
    orders,
    lifetimeValue: lifetimeValue(orders),
    authors,
  };
}

/** A customer as the cache holds it (replicated with a conversation of the rep's teams), or null. */
export function getCustomer(db: Db, id: string): Customer | null {
  const row = prepared(db, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
  if (!row) return null;
  const identities = prepared(db, 'SELECT * FROM identities WHERE customer_id = ? ORDER BY id').all(
    id,
  ) as IdentityRow[];
  return toCustomer(row, identities);
}
