import { z } from 'zod';
import { Channel } from '../domain/channels';
import { Role } from '../domain/entities';
import { CSAT_QUESTION_MAX } from '../domain/csat';
import { SlaPolicy } from '../domain/sla';
import { RoutingSettings } from '../domain/routing';
import { AuditPage, AuditQuery } from '../sync/audit';
import { AssignmentCounts, CsatReport } from '../sync/lookups';
import { intentSchema } from '../triage/taxonomy';
import { defineCall } from './define';

/**
 * The lead console: the state of the queue and its recent history, computed by the engine from
 * the cache (so it works offline and shows exactly the teams the lead's engine holds). Leads and
 * admins only.
 */
export const ConsoleQuery = z.object({
  /** One of the lead's teams; null for all of them. */
  teamId: z.string().min(1).max(128).nullable(),
  /** How many days of history, today included. */
  days: z.number().int().min(1).max(90),
  /** The viewer's `Date#getTimezoneOffset()`, so days start at the viewer's midnight. */
  tzOffsetMinutes: z.number().int().min(-840).max(840),
  /** Whose conversations the queue lists: null anyone's, '' unassigned ones, else that member's. */
  assignee: z.string().max(128).nullable(),
});
export type ConsoleQuery = z.infer<typeof ConsoleQuery>;

const Count = z.number().int().nonnegative();
const Millis = z.number().int().nonnegative();
const Duration = z.number().nonnegative().nullable();

/** Open or pending conversations (snoozed and resolved ones are not the backlog). */
export const ChannelBacklog = z.object({ channel: Channel, open: Count, waiting: Count, unassigned: Count });
export type ChannelBacklog = z.infer<typeof ChannelBacklog>;

/** The backlog of one intent (null: not read yet, or no inbound message) by the sentiment of its latest message. */
export const IntentBacklog = z.object({
  intent: intentSchema.nullable(),
  open: Count,
  negative: Count,
  neutral: Count,
  positive: Count,
});
export type IntentBacklog = z.infer<typeof IntentBacklog>;

/** Waiting customers by how long they have waited: `[fromMs, toMs)`, `toMs` null for the last. */
export const WaitBucket = z.object({ label: z.string(), fromMs: Millis, toMs: Millis.nullable(), count: Count });
export type WaitBucket = z.infer<typeof WaitBucket>;

/**
 * Replies sent while suggestions were offered, by what the rep did with them (`Message.suggestion`):
 * sent one as written, edited it, or wrote their own.
 */
export const SuggestionUse = z.object({ unchanged: Count, edited: Count, ignored: Count });
export type SuggestionUse = z.infer<typeof SuggestionUse>;

export const RepLoad = z.object({
  userId: z.string(),
  name: z.string(),
  role: Role,
  open: Count,
  waiting: Count,
  /** When the customer who has waited longest among theirs started waiting. */
  oldestWaitingSince: Millis.nullable(),
  /** Replies they sent within the range. */
  replies: Count,
  /** Of those, the ones sent while suggestions were offered, by what they did with them. */
  suggestions: SuggestionUse,
  /** Median first response of the conversations they answered first within the range. */
  medianFirstResponseMs: Duration,
  /** Their waiting conversations past a response target, and those close to it (shared/domain/sla.ts). */
  overdue: Count,
  atRisk: Count,
  /** True: an admin deactivated them; listed only while they still hold open conversations, to be moved. */
  deactivated: z.boolean().optional(),
});
export type RepLoad = z.infer<typeof RepLoad>;

export const QueuedConversation = z.object({
  id: z.string(),
  teamId: z.string(),
  customerName: z.string(),
  channel: Channel,
  assigneeId: z.string().nullable(),
  /** Null when the customer is not waiting for a reply. */
  waitingSince: Millis.nullable(),
  lastMessageAt: Millis,
  preview: z.string(),
  /** The waiting customer's most pressing response or resolution target now; null when nobody waits. */
  sla: z
    .object({
      kind: z.enum(['first_response', 'next_response', 'resolution']),
      priority: z.enum(['urgent', 'high', 'normal']),
      dueAt: Millis,
      state: z.enum(['ok', 'warning', 'breached']),
    })
    .nullable(),
});
export type QueuedConversation = z.infer<typeof QueuedConversation>;

/** One day of the range, by the viewer's calendar. */
export const ConsoleDay = z.object({
  /** YYYY-MM-DD */
  day: z.string(),
  inbound: Count,
  outbound: Count,
  /** Conversations that began that day. */
  opened: Count,
  /** Of those, resolved by now. */
  resolved: Count,
  /** Of those resolved, with exactly one reply. */
  oneTouch: Count,
  /** Replies sent that day while suggestions were offered, by what the rep did with them. */
  suggestions: SuggestionUse,
  medianFirstResponseMs: Duration,
  /** Of those resolved, from the customer's first message to the last reply (the resolving one, as a rule). */
  medianResolutionMs: Duration,
});
export type ConsoleDay = z.infer<typeof ConsoleDay>;

export const ConsoleOverview = z.object({
  generatedAt: Millis,
  /** When the days, totals and members' replies and first responses were computed (reused for up to a minute). */
  historyAt: Millis,
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  backlog: z.object({
    open: Count,
    waiting: Count,
    unassigned: Count,
    byChannel: z.array(ChannelBacklog),
    byIntent: z.array(IntentBacklog),
  }),
  waiting: z.array(WaitBucket),
  reps: z.array(RepLoad),
  /**
   * The backlog of the chosen assignee (`ConsoleQuery.assignee`): waiting customers first, longest
   * wait first, then the others, latest first; at most `QUEUE_LIMIT`.
   */
  queue: z.array(QueuedConversation),
  days: z.array(ConsoleDay),
  /** The whole range: conversations begun, resolved, resolved with one reply, median first response. */
  totals: ConsoleDay.omit({ day: true }),
});
export type ConsoleOverview = z.infer<typeof ConsoleOverview>;

export const QUEUE_LIMIT = 200;

export const consoleOverview = defineCall('console:overview', ConsoleQuery, ConsoleOverview);

/**
 * The server's audit log (leads: their teams' rows; admins: all), newest first, by entity, person,
 * type and time: a lookup, so it needs the server (`server_unreachable` offline).
 */
export const auditSearch = defineCall('audit:search', AuditQuery, AuditPage);

/** The satisfaction scores of the range (a lookup: it needs the server). */
export const CsatQuery = ConsoleQuery.pick({ teamId: true, days: true, tzOffsetMinutes: true });
export type CsatQuery = z.infer<typeof CsatQuery>;
export const csatReport = defineCall('csat:report', CsatQuery, CsatReport);

/** How the range's conversations changed hands: assigned, reassigned, returned, routed (a lookup: it needs the server). */
export const consoleAssignments = defineCall('console:assignments', CsatQuery, AssignmentCounts);

/** Sets the question a team sends when a conversation is resolved; null sends none (on the server). */
export const CsatQuestionInput = z.object({
  teamId: z.string().min(1).max(128),
  question: z.string().trim().min(1).max(CSAT_QUESTION_MAX).nullable(),
});
export type CsatQuestionInput = z.infer<typeof CsatQuestionInput>;
export const csatSetQuestion = defineCall('csat:set-question', CsatQuestionInput, z.object({ ok: z.literal(true) }));

const TeamId = z.string().min(1).max(128);

/**
 * A team's automatic routing (server README "Routing"), read from and saved on the server: leads of
 * the team and admins only; offline both fail with `server_unreachable`.
 */
export const routingGet = defineCall('routing:get', z.object({ teamId: TeamId }), RoutingSettings);
export const routingSave = defineCall(
  'routing:save',
  z.object({ teamId: TeamId, settings: RoutingSettings }),
  RoutingSettings,
);

/**
 * Sets a team's service levels on the server (null: back to the default); leads of the team and
 * admins only. They reach every engine with the team's next change; offline: `server_unreachable`.
 */
export const slaSave = defineCall(
  'sla:save',
  z.object({ teamId: TeamId, sla: SlaPolicy.nullable() }),
  z.object({ ok: z.literal(true) }),
);

export const consoleCalls = {
  [consoleOverview.name]: consoleOverview,
  [auditSearch.name]: auditSearch,
  [csatReport.name]: csatReport,
  [csatSetQuestion.name]: csatSetQuestion,
  [consoleAssignments.name]: consoleAssignments,
  [routingGet.name]: routingGet,
  [routingSave.name]: routingSave,
  [slaSave.name]: slaSave,
} as const;
