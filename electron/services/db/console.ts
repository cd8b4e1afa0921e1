// The lead console's figures, computed from the cache: the queue as it stands and the days behind it.
import { QUEUE_LIMIT } from '../../../shared/api';
import type {
  ChannelBacklog,
  IntentBacklog,
  ConsoleDay,
  ConsoleOverview,
  QueuedConversation,
  RepLoad,
  SuggestionUse,
  WaitBucket,
} from '../../../shared/api';
import type { Channel, Role } from '../../../shared/domain';
import { slaStateAt } from '../../../shared/domain/sla';
import { waitingSubjects } from './sla';
import type { WaitingSubject } from './sla';
import type { Db } from './open';
import { listTeams } from './people';
import { prepared } from './statements';

const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long waiting customers have waited: the console's distribution, edges in ms. */
export const WAIT_EDGES: readonly { label: string; fromMs: number }[] = [
  { label: '< 5 min', fromMs: 0 },
  { label: '5–15 min', fromMs: 5 * MINUTE },
  { label: '15–60 min', fromMs: 15 * MINUTE },
  { label: '1–4 h', fromMs: HOUR },
  { label: '4–24 h', fromMs: 4 * HOUR },
  { label: '> 1 day', fromMs: 24 * HOUR },
];

export interface ConsoleInput {
  teamIds: readonly string[];
  /** Whose queue to list: null anyone's, '' unassigned, else a member's id. */
  assignee: string | null;
  days: number;
  tzOffsetMinutes: number;
  now: number;
}

/** The backlog is what still needs someone: open or pending (snoozed ones are parked, resolved ones done). */
const BACKLOG = `status IN ('open', 'pending') AND team_id IN (SELECT value FROM json_each(@teams))`;
/** The backlog's rows for counting, read from the index that holds every column the counts need (migration 021). */
const BACKLOG_COUNTED = `conversations INDEXED BY conversations_backlog WHERE ${BACKLOG}`;

/** What the console reads from the days behind it: the costly part, which may be reused for a while. */
export interface ConsoleHistory {
  /** When it was computed. */
  at: number;
  days: ConsoleOverview['days'];
  totals: ConsoleOverview['totals'];
  perRep: ReadonlyMap<string, { replies: number; suggestions: SuggestionUse; medianFirstResponseMs: number | null }>;
}

interface SuggestionRow {
  suggestion: string | null;
  n: number;
}

const noSuggestions = (): SuggestionUse => ({ unchanged: 0, edited: 0, ignored: 0 });

function countSuggestion(use: SuggestionUse, row: SuggestionRow): void {
  if (row.suggestion === 'unchanged' || row.suggestion === 'edited' || row.suggestion === 'ignored')
    use[row.suggestion] += row.n;
}

/**
 * The range's history. With `assignee` (a member's id, or '' for nobody) the days and totals are
 * those of the conversations that member holds — one rep's trends —; each member's replies and first
 * responses are always the whole team's.
 */
export function consoleHistory(db: Db, input: ConsoleInput): ConsoleHistory {
  const teams = JSON.stringify(input.teamIds);
  const start = rangeStart(input);
  const started = startedConversations(db, start, teams);
  const whose = input.assignee === null ? null : input.assignee === '' ? { id: null } : { id: input.assignee };
  const theirs = whose ? started.filter((conversation) => conversation.assignee_id === whose.id) : started;
  return {
    at: input.now,
    ...history(db, input, start, teams, theirs, whose),
    perRep: repActivity(db, start, teams, started),
  };
}

/** The queue as it stands now, with `history` (computed now unless given). */
export function consoleOverview(
  db: Db,
  input: ConsoleInput,
  past: ConsoleHistory = consoleHistory(db, input),
): ConsoleOverview {
  const teams = JSON.stringify(input.teamIds);
  const byChannel = prepared(
    db,
    `SELECT channel, count(*) AS open, count(waiting_since) AS waiting,
            sum(assignee_id IS NULL) AS unassigned
     FROM ${BACKLOG_COUNTED} GROUP BY channel ORDER BY open DESC, channel`,
  ).all({ teams }) as ChannelBacklog[];
  const byIntent = prepared(
    db,
    `SELECT intent, count(*) AS open, sum(sentiment IS 'negative') AS negative, sum(sentiment IS 'neutral') AS neutral,
            sum(sentiment IS 'positive') AS positive
     FROM ${BACKLOG_COUNTED} GROUP BY intent ORDER BY negative DESC, open DESC, intent`,
  ).all({ teams }) as IntentBacklog[];
  // Every waiting conversation with its target, read once for the members' risk and the queue's order.
  const waiting = waitingSubjects(db, input.teamIds);
  const backlog = {
    open: sum(byChannel, 'open'),
    waiting: sum(byChannel, 'waiting'),
    unassigned: sum(byChannel, 'unassigned'),
    byChannel,
    byIntent,
  };
  return {
    generatedAt: input.now,
    historyAt: past.at,
    teams: listTeams(db, input.teamIds).map(({ id, name }) => ({ id, name })),
    backlog,
    waiting: waitingDistribution(db, teams, input.now),
    reps: repLoads(db, teams, past.perRep, slaRisk(waiting, input.now)),
    queue: queue(db, teams, input.assignee, waiting, input.now),
    days: past.days,
    totals: past.totals,
  };
}

function sum<K extends string>(rows: readonly Record<K, number>[], key: K): number {
  return rows.reduce((total, row) => total + row[key], 0);
}

/** The backlog's waiting rows, read from the partial index that holds only them (migration 012). */
const WAITING = `conversations INDEXED BY conversations_waiting_team
  WHERE team_id IN (SELECT value FROM json_each(@teams)) AND status IN ('open', 'pending') AND waiting_since IS NOT NULL`;

function waitingDistribution(db: Db, teams: string, now: number): WaitBucket[] {
  const ages = prepared(db, `SELECT @now - waiting_since AS age FROM ${WAITING}`)
    .pluck()
    .all({ teams, now }) as number[];
  return WAIT_EDGES.map((edge, index) => {
    const next = WAIT_EDGES[index + 1];
    const toMs = next ? next.fromMs : null;
    const count = ages.filter((age) => age >= edge.fromMs && (toMs === null || age < toMs)).length;
    return { label: edge.label, fromMs: edge.fromMs, toMs, count };
  });
}

interface QueueRow {
  id: string;
  team_id: string;
  customer_name: string;
  channel: Channel;
  assignee_id: string | null;
  waiting_since: number | null;
  last_message_at: number;
  last_message_preview: string;
}

const QUEUE_COLUMNS =
  'id, team_id, customer_name, channel, assignee_id, waiting_since, last_message_at, last_message_preview';

/**
 * Waiting customers first, the most pressing target first — overdue ones at the top, then those due
 * soonest (an urgent chat before a normal email that has waited longer), the longest wait first among
 * equals; then, while there is room, the others latest first.
 */
function queue(
  db: Db,
  teams: string,
  assignee: string | null,
  waiting: readonly WaitingSubject[],
  now: number,
): QueuedConversation[] {
  const whose = assignee === null ? '' : 'AND assignee_id IS @assigneeId';
  const assigneeId = assignee === '' ? null : assignee;
  const dueAt = (subject: WaitingSubject) => subject.due?.dueAt ?? Number.MAX_SAFE_INTEGER;
  const first = waiting
    .filter((subject) => assignee === null || subject.assigneeId === assigneeId)
    .sort((a, b) => dueAt(a) - dueAt(b) || a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : 1))
    .slice(0, QUEUE_LIMIT);
  const rows = new Map(
    (
      prepared(db, `SELECT ${QUEUE_COLUMNS} FROM conversations WHERE id IN (SELECT value FROM json_each(@ids))`).all({
        ids: JSON.stringify(first.map((subject) => subject.id)),
      }) as QueueRow[]
    ).map((row) => [row.id, row]),
  );
  const answered =
    first.length < QUEUE_LIMIT
      ? (prepared(
          db,
          `SELECT ${QUEUE_COLUMNS} FROM conversations WHERE ${BACKLOG} AND waiting_since IS NULL ${whose}
           ORDER BY last_message_at DESC, id LIMIT @room`,
        ).all({ teams, assigneeId, room: QUEUE_LIMIT - first.length }) as QueueRow[])
      : [];
  const queued = (row: QueueRow, subject: WaitingSubject | null): QueuedConversation => ({
    id: row.id,
    teamId: row.team_id,
    customerName: row.customer_name,
    channel: row.channel,
    assigneeId: row.assignee_id,
    waitingSince: row.waiting_since,
    lastMessageAt: row.last_message_at,
    preview: row.last_message_preview,
    sla: subject?.due ? slaStateAt(subject.due, now, subject.policy) : null,
  });
  return [
    ...first.flatMap((subject) => {
      const row = rows.get(subject.id);
      return row ? [queued(row, subject)] : [];
    }),
    ...answered.map((row) => queued(row, null)),
  ];
}

/** Local midnight of the first day of the range, as epoch ms. */
function rangeStart(input: ConsoleInput): number {
  const offset = input.tzOffsetMinutes * MINUTE;
  const localToday = Math.floor((input.now - offset) / DAY_MS) * DAY_MS;
  return localToday - (input.days - 1) * DAY_MS + offset;
}

function dayIndex(at: number, start: number): number {
  return Math.floor((at - start) / DAY_MS);
}

interface StartedConversation {
  created_at: number;
  assignee_id: string | null;
  status: string;
  first_in: number | null;
  first_out: number | null;
  first_author: string | null;
  last_out: number | null;
  replies: number;
}

function history(
  db: Db,
  input: ConsoleInput,
  start: number,
  teams: string,
  started: readonly StartedConversation[],
  whose: { id: string | null } | null,
): Pick<ConsoleOverview, 'days' | 'totals'> {
  const days: (ConsoleDay & { responses: number[]; resolutions: number[] })[] = Array.from(
    { length: input.days },
    (_, index) => ({
      day: new Date(start + index * DAY_MS - input.tzOffsetMinutes * MINUTE).toISOString().slice(0, 10),
      inbound: 0,
      outbound: 0,
      opened: 0,
      resolved: 0,
      oneTouch: 0,
      suggestions: noSuggestions(),
      medianFirstResponseMs: null,
      medianResolutionMs: null,
      responses: [],
      resolutions: [],
    }),
  );
  // Only conversations with a message in the range, each read by its thread index from the range's start.
  const volume = prepared(
    db,
    `SELECT CAST((m.created_at - @start) / ${DAY_MS} AS INTEGER) AS day, m.direction, count(*) AS n
     FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.created_at >= @start
     WHERE c.last_message_at >= @start AND c.team_id IN (SELECT value FROM json_each(@teams))
       AND (@anyone OR c.assignee_id IS @assigneeId)
     GROUP BY 1, 2`,
  ).all({ start, teams, anyone: whose === null ? 1 : 0, assigneeId: whose?.id ?? null }) as {
    day: number;
    direction: 'inbound' | 'outbound';
    n: number;
  }[];
  for (const row of volume) {
    const day = days[row.day];
    if (day) day[row.direction] += row.n;
  }
  // Suggestions are counted by who sent the reply: one rep's trends are their own replies.
  const suggested = prepared(
    db,
    `SELECT CAST((m.created_at - @start) / ${DAY_MS} AS INTEGER) AS day, m.suggestion, count(*) AS n
     FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.created_at >= @start
     WHERE c.last_message_at >= @start AND c.team_id IN (SELECT value FROM json_each(@teams))
       AND m.direction = 'outbound' AND m.suggestion IS NOT NULL AND (@anyone OR m.author_id IS @assigneeId)
     GROUP BY 1, 2`,
  ).all({ start, teams, anyone: whose === null ? 1 : 0, assigneeId: whose?.id ?? null }) as (SuggestionRow & {
    day: number;
  })[];
  for (const row of suggested) {
    const day = days[row.day];
    if (day) countSuggestion(day.suggestions, row);
  }
  for (const conversation of started) {
    const day = days[dayIndex(conversation.created_at, start)];
    if (!day) continue;
    day.opened += 1;
    if (conversation.status === 'closed') {
      day.resolved += 1;
      if (conversation.replies === 1) day.oneTouch += 1;
      const resolution = resolutionTime(conversation);
      if (resolution !== null) day.resolutions.push(resolution);
    }
    const response = firstResponse(conversation);
    if (response !== null) day.responses.push(response);
  }
  const all = days.flatMap((day) => day.responses);
  const allResolutions = days.flatMap((day) => day.resolutions);
  const total = (key: 'inbound' | 'outbound' | 'opened' | 'resolved' | 'oneTouch') =>
    days.reduce((count, day) => count + day[key], 0);
  return {
    days: days.map(({ responses, resolutions, ...day }) => ({
      ...day,
      medianFirstResponseMs: median(responses),
      medianResolutionMs: median(resolutions),
    })),
    totals: {
      inbound: total('inbound'),
      outbound: total('outbound'),
      opened: total('opened'),
      resolved: total('resolved'),
      oneTouch: total('oneTouch'),
      suggestions: {
        unchanged: days.reduce((count, day) => count + day.suggestions.unchanged, 0),
        edited: days.reduce((count, day) => count + day.suggestions.edited, 0),
        ignored: days.reduce((count, day) => count + day.suggestions.ignored, 0),
      },
      medianFirstResponseMs: median(all),
      medianResolutionMs: median(allResolutions),
    },
  };
}

/** Conversations begun since `start`, with when the customer first wrote and when a rep first answered. */
function startedConversations(db: Db, start: number, teams: string): StartedConversation[] {
  return prepared(
    db,
    `SELECT c.created_at, c.status, c.assignee_id,
       (SELECT min(created_at) FROM messages WHERE conversation_id = c.id AND direction = 'inbound') AS first_in,
       (SELECT min(created_at) FROM messages WHERE conversation_id = c.id AND direction = 'outbound') AS first_out,
       (SELECT author_id FROM messages WHERE conversation_id = c.id AND direction = 'outbound'
          ORDER BY created_at LIMIT 1) AS first_author,
       (SELECT max(created_at) FROM messages WHERE conversation_id = c.id AND direction = 'outbound') AS last_out,
       (SELECT count(*) FROM messages WHERE conversation_id = c.id AND direction = 'outbound') AS replies
     FROM conversations c
     WHERE c.created_at >= @start AND c.team_id IN (SELECT value FROM json_each(@teams))`,
  ).all({ start, teams }) as StartedConversation[];
}

/** From the customer's first message to the first reply after it; null when unanswered (or begun by a rep). */
function firstResponse(started: StartedConversation): number | null {
  if (started.first_in === null || started.first_out === null || started.first_out < started.first_in) return null;
  return started.first_out - started.first_in;
}

/**
 * A resolved conversation's time to resolution, from the customer's first message (else its start)
 * to the last reply; null when nobody replied. The cache keeps no resolution time of its own.
 */
function resolutionTime(started: StartedConversation): number | null {
  const from = started.first_in ?? started.created_at;
  if (started.last_out === null || started.last_out < from) return null;
  return started.last_out - from;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Replies sent in the range, and the median first response of the conversations each member answered first. */
function repActivity(
  db: Db,
  start: number,
  teams: string,
  started: readonly StartedConversation[],
): ConsoleHistory['perRep'] {
  const activity = new Map<string, { replies: number; suggestions: SuggestionUse; responses: number[] }>();
  const of = (userId: string) => {
    const found = activity.get(userId);
    if (found) return found;
    const created = { replies: 0, suggestions: noSuggestions(), responses: [] as number[] };
    activity.set(userId, created);
    return created;
  };
  const replies = prepared(
    db,
    `SELECT m.author_id, m.suggestion, count(*) AS n
     FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.created_at >= @start
     WHERE c.last_message_at >= @start AND c.team_id IN (SELECT value FROM json_each(@teams))
       AND m.direction = 'outbound' AND m.author_id IS NOT NULL
     GROUP BY m.author_id, m.suggestion`,
  ).all({ start, teams }) as (SuggestionRow & { author_id: string })[];
  for (const row of replies) {
    const own = of(row.author_id);
    own.replies += row.n;
    countSuggestion(own.suggestions, row);
  }
  for (const conversation of started) {
    const response = firstResponse(conversation);
    if (response !== null && conversation.first_author !== null) of(conversation.first_author).responses.push(response);
  }
  return new Map(
    [...activity].map(([userId, own]) => [
      userId,
      { replies: own.replies, suggestions: own.suggestions, medianFirstResponseMs: median(own.responses) },
    ]),
  );
}

/** Per assignee: waiting conversations past their response target, and those in the warning share before it. */
function slaRisk(waiting: readonly WaitingSubject[], now: number): Map<string, { overdue: number; atRisk: number }> {
  const risk = new Map<string, { overdue: number; atRisk: number }>();
  for (const subject of waiting) {
    if (subject.assigneeId === null || subject.due === null) continue;
    const state = slaStateAt(subject.due, now, subject.policy).state;
    if (state === undefined || state === 'ok') continue;
    const counts = risk.get(subject.assigneeId) ?? { overdue: 0, atRisk: 0 };
    if (state === 'breached') counts.overdue++;
    else counts.atRisk++;
    risk.set(subject.assigneeId, counts);
  }
  return risk;
}

function repLoads(
  db: Db,
  teams: string,
  activity: ConsoleHistory['perRep'],
  risk: Map<string, { overdue: number; atRisk: number }>,
): RepLoad[] {
  const members = prepared(
    db,
    `SELECT DISTINCT u.id, u.name, u.role, u.active FROM users u, json_each(u.team_ids) t
     WHERE t.value IN (SELECT value FROM json_each(@teams)) ORDER BY u.name, u.id`,
  ).all({ teams }) as { id: string; name: string; role: Role; active: number }[];
  const load = new Map(
    (
      prepared(
        db,
        `SELECT assignee_id, count(*) AS open, count(waiting_since) AS waiting, min(waiting_since) AS oldest
         FROM ${BACKLOG_COUNTED} AND assignee_id IS NOT NULL GROUP BY assignee_id`,
      ).all({ teams }) as { assignee_id: string; open: number; waiting: number; oldest: number | null }[]
    ).map((row) => [row.assignee_id, row]),
  );
  // A deactivated member is listed only while they still hold open conversations: whose work to move.
  const listed = members.filter((member) => member.active === 1 || (load.get(member.id)?.open ?? 0) > 0);
  return listed.map((member) => {
    const own = load.get(member.id);
    const done = activity.get(member.id);
    return {
      ...(member.active === 1 ? {} : { deactivated: true }),
      userId: member.id,
      name: member.name,
      role: member.role,
      open: own?.open ?? 0,
      waiting: own?.waiting ?? 0,
      oldestWaitingSince: own?.oldest ?? null,
      replies: done?.replies ?? 0,
      suggestions: done?.suggestions ?? noSuggestions(),
      medianFirstResponseMs: done?.medianFirstResponseMs ?? null,
      overdue: risk.get(member.id)?.overdue ?? 0,
      atRisk: risk.get(member.id)?.atRisk ?? 0,
    };
  });
}
