// The inbox list and the conversation view.
import type {
  ConversationDetail,
  ConversationPage,
  ConversationSummary,
  InboxFilter,
  InboxSort,
} from '../../../shared/api';
import { CaredeskError, lifetimeValue } from '../../../shared/domain';
import type { Channel, ConversationStatus, Customer } from '../../../shared/domain';
import type { AssignedReason } from '../../../shared/domain/routing';
import type { SlaPriority } from '../../../shared/domain/sla';
import type { Intent, Sentiment } from '../../../shared/triage';
import { listNotes } from './notes';
import type { Db } from './open';
import {
  PRIORITY_IN_EFFECT,
  reasonOf,
  suggestionsOf,
  SUMMARY_COLUMNS,
  toCustomer,
  toMessage,
  toOrder,
  toSummary,
} from './rows';
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
  intent?: Intent | undefined;
  sentiment?: Sentiment | undefined;
  /** The priority in effect (a person's, else triage's). */
  priority?: SlaPriority | undefined;
  /** "newest" when unset. */
  sort?: InboxSort | undefined;
  cursor?: string | undefined;
  limit: number;
}

interface Where {
  sql: string[];
  params: unknown[];
}

/**
 * One run of the list in one index order. A sort is one or more runs, one after the other; the
 * cursor names the run it stopped in.
 */
interface Run {
  tag: string;
  column: 'last_message_at' | 'waiting_since';
  direction: 'ASC' | 'DESC';
  where: string[];
  /**
   * The index to read, per filter shape, where the planner would otherwise pick a status index
   * and sort (it has no statistics to know that few conversations wait).
   */
  indexes?: Record<'all' | 'assignee' | 'team', string>;
}

/** A customer waits for an answer: the terms of the conversations_waiting* partial indexes (migration 012). */
const WAITING = ["c.status IN ('open', 'pending')", 'c.waiting_since IS NOT NULL'];
const NOT_WAITING = ["(c.status NOT IN ('open', 'pending') OR c.waiting_since IS NULL)"];

/** The "urgent" order's runs: each urgency level, most urgent first, longest wait first within it. */
const URGENCY_RUNS: Run[] = [3, 2, 1, 0].map((level) => ({
  tag: `u${level}`,
  column: 'waiting_since',
  direction: 'ASC',
  where: [...WAITING, `c.urgency = ${level}`],
}));

const RUNS: Record<InboxSort, readonly Run[]> = {
  newest: [{ tag: 'n', column: 'last_message_at', direction: 'DESC', where: [] }],
  waiting: [
    {
      tag: 'w',
      column: 'waiting_since',
      direction: 'ASC',
      where: WAITING,
      indexes: {
        all: 'conversations_waiting',
        assignee: 'conversations_waiting_assignee',
        team: 'conversations_waiting_team',
      },
    },
    { tag: 'r', column: 'last_message_at', direction: 'DESC', where: NOT_WAITING },
  ],
  urgent: [...URGENCY_RUNS, { tag: 'r', column: 'last_message_at', direction: 'DESC', where: NOT_WAITING }],
};

/**
 * One page of the inbox, keyset-paged so every page is an index range (see the conversations_*
 * indexes and conversations.test.ts). "newest": latest activity first, on (last_message_at, id).
 * "waiting": open and pending conversations whose customer waits, longest wait first on
 * (waiting_since, id), then every other conversation newest first.
 */
export function listConversations(db: Db, query: ListQuery): ConversationPage {
  const teamIds = query.filter === 'team' ? (query.teamId !== undefined ? [query.teamId] : [...query.userTeamIds]) : [];
  if (query.filter === 'team' && teamIds.length === 0) return { items: [], nextCursor: null, total: 0 };

  const base = filterWhere(query);
  const total = countMatching(db, query, teamIds);
  const runs = RUNS[query.sort ?? 'newest'];
  const cursor = query.cursor !== undefined ? decodeCursor(query.cursor, runs) : null;

  const want = query.limit + 1;
  const rows: { row: ConversationRow; run: Run }[] = [];
  for (let i = cursor?.run ?? 0; i < runs.length && rows.length < want; i++) {
    const run = runs[i] as Run;
    const where = and(base, { sql: run.where, params: [] }, keyset(run, i === cursor?.run ? cursor.after : null));
    const found =
      teamIds.length > 0
        ? teamPage(db, run, where, teamIds, want - rows.length)
        : page(db, run, where, want - rows.length, query.filter === 'all' ? 'all' : 'assignee');
    rows.push(...found.map((row) => ({ row, run })));
  }
  const kept = rows.slice(0, query.limit);
  const last = kept.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.run, last.row) : null;
  return { items: kept.map(({ row }) => toSummary(row)), nextCursor, total };
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
  if (query.intent !== undefined) {
    where.sql.push('c.intent = ?');
    where.params.push(query.intent);
  }
  if (query.sentiment !== undefined) {
    where.sql.push('c.sentiment = ?');
    where.params.push(query.sentiment);
  }
  if (query.priority !== undefined) {
    where.sql.push(`${PRIORITY_IN_EFFECT} = ?`);
    where.params.push(query.priority);
  }
  return where;
}

function and(...parts: Where[]): Where {
  return { sql: parts.flatMap((p) => p.sql), params: parts.flatMap((p) => p.params) };
}

function whereSql(where: Where): string {
  return where.sql.length > 0 ? `WHERE ${where.sql.join(' AND ')}` : '';
}

function keyset(run: Run, after: [number, string] | null): Where {
  if (!after) return { sql: [], params: [] };
  return { sql: [`(c.${run.column}, c.id) ${run.direction === 'ASC' ? '>' : '<'} (?, ?)`], params: after };
}

function team(teamId: string): Where {
  return { sql: ['c.team_id = ?'], params: [teamId] };
}

function teamsWhere(teamIds: readonly string[]): Where {
  return { sql: [`c.team_id IN (${teamIds.map(() => '?').join(', ')})`], params: [...teamIds] };
}

/**
 * From the maintained totals (migration 003), not by counting conversations; a triage or priority
 * filter, which those totals do not know, counts the conversations of that intent, sentiment or priority.
 */
function countMatching(db: Db, query: ListQuery, teamIds: readonly string[]): number {
  if (query.intent !== undefined || query.sentiment !== undefined || query.priority !== undefined) {
    const where = and(filterWhere(query), teamIds.length > 0 ? teamsWhere(teamIds) : { sql: [], params: [] });
    const row = prepared(db, `SELECT count(*) AS n FROM conversations c ${whereSql(where)}`).get(...where.params) as {
      n: number;
    };
    return row.n;
  }
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

function page(db: Db, run: Run, where: Where, limit: number, shape: 'all' | 'assignee' | 'team'): ConversationRow[] {
  const index = run.indexes ? ` INDEXED BY ${run.indexes[shape]}` : '';
  return prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM conversations c${index} ${whereSql(where)}
     ORDER BY c.${run.column} ${run.direction}, c.id ${run.direction} LIMIT ?`,
  ).all(...where.params, limit) as ConversationRow[];
}

/**
 * Several teams: one index range per team, merged. An IN list would make SQLite sort every
 * matching conversation to find the first few.
 */
function teamPage(db: Db, run: Run, base: Where, teamIds: readonly string[], limit: number): ConversationRow[] {
  const merged = teamIds.flatMap((id) => page(db, run, and(team(id), base), limit, 'team'));
  const sign = run.direction === 'ASC' ? 1 : -1;
  merged.sort((a, b) => sign * (sortValue(a, run) - sortValue(b, run) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  return merged.slice(0, limit);
}

function sortValue(row: ConversationRow, run: Run): number {
  return row[run.column] ?? 0;
}

function encodeCursor(run: Run, row: ConversationRow): string {
  return Buffer.from(JSON.stringify([run.tag, sortValue(row, run), row.id])).toString('base64url');
}

function decodeCursor(cursor: string, runs: readonly Run[]): { run: number; after: [number, string] } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && Number.isInteger(value[1]) && typeof value[2] === 'string') {
      const run = runs.findIndex((r) => r.tag === value[0]);
      if (run >= 0) return { run, after: [value[1] as number, value[2]] };
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

/** One conversation as the rep sees it, with what lists leave out (its suggested customers, routing's reason). */
export function getConversationView(db: Db, id: string): ConversationSummary | null {
  const summary = getConversationSummary(db, id);
  if (!summary) return null;
  const extra = prepared(db, 'SELECT link_suggestions, assigned_reason FROM conversations WHERE id = ?').get(id) as {
    link_suggestions: string;
    assigned_reason: string | null;
  };
  return { ...summary, ...suggestionsOf(extra.link_suggestions), ...reasonOf(extra.assigned_reason) };
}

/** The conversation view: every message in time order, the customer and their orders. */
export function getConversation(db: Db, id: string): ConversationDetail {
  const conversation = getConversationView(db, id);
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
      // Who linked each identity, when a person did (not `inbound`, `import`, `system`).
      ...customer.identities.flatMap((i) => (i.linkedBy === undefined ? [] : [i.linkedBy])),
      // Who routing passed over or took it from (their names in the reason).
      ...reasonUserIds(conversation.assignedReason),
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
    history: customerHistory(db, customer.id, id),
  };
}

/** The customer's other cached conversations, on any channel, newest first. */
function customerHistory(db: Db, customerId: string, exceptId: string): ConversationSummary[] {
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.customer_id = ? AND c.id <> ?
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${HISTORY_LIMIT}`,
  ).all(customerId, exceptId) as ConversationRow[];
  return rows.map(toSummary);
}

const HISTORY_LIMIT = 20;

/** A customer as the cache holds it (replicated with a conversation of the rep's teams), or null. */
export function getCustomer(db: Db, id: string): Customer | null {
  const row = prepared(db, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
  if (!row) return null;
  const identities = prepared(db, 'SELECT * FROM identities WHERE customer_id = ? ORDER BY id').all(
    id,
  ) as IdentityRow[];
  return toCustomer(row, identities);
}

function reasonUserIds(reason: AssignedReason | undefined): string[] {
  if (!reason) return [];
  return reason.kind === 'returned' ? [reason.fromUserId] : reason.skipped.map((skip) => skip.userId);
}
