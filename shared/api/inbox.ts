import { z } from 'zod';
import { Channel } from '../domain/channels';
import {
  Conversation,
  ConversationPriority,
  ConversationStatus,
  Customer,
  Message,
  Note,
  Order,
  Team,
  User,
} from '../domain/entities';
import { defineCall, defineEvent } from './define';
import { intentSchema, sentimentSchema } from '../triage/taxonomy';

export const InboxFilter = z.enum(['mine', 'unassigned', 'team', 'all']);
export type InboxFilter = z.infer<typeof InboxFilter>;

/**
 * "waiting": open and pending conversations whose customer waits for an answer, longest wait
 * first, then the rest newest first. "newest": latest activity first. "urgent": like "waiting", but
 * by urgency first (an angry customer with a late order on top), then longest wait.
 */
export const InboxSort = z.enum(['waiting', 'newest', 'urgent']);
export type InboxSort = z.infer<typeof InboxSort>;

export const ListConversationsInput = z.object({
  filter: InboxFilter.default('all'),
  /** With filter "team": which team; omitted means all of the user's teams. */
  teamId: z.string().optional(),
  channel: Channel.optional(),
  status: ConversationStatus.optional(),
  /** The intent / sentiment of the latest inbound message (triage). */
  intent: intentSchema.optional(),
  sentiment: sentimentSchema.optional(),
  /** The priority in effect: the one a person set, else triage's (shared/domain/sla.ts `priorityOfSubject`). */
  priority: ConversationPriority.optional(),
  /** "newest" when omitted. */
  sort: InboxSort.optional(),
  /** Opaque, from a previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListConversationsInput = z.input<typeof ListConversationsInput>;

export const ConversationSummary = Conversation.extend({
  customerName: z.string(),
  /** The identity the conversation came from, e.g. "@maria_r" or "+44 20 7946 0958". */
  customerHandle: z.string(),
  assigneeName: z.string().nullable(),
  /** This rep's actions on it still waiting in the outbox. */
  pendingActions: z.number().int().nonnegative(),
  /** Triage of the latest inbound message; null until it is read (just after sync) or when none came in. */
  intent: intentSchema.nullable(),
  sentiment: sentimentSchema.nullable(),
  /** 0–3: 2 for a negative customer, 1 for a late order. */
  urgency: z.number().int().min(0).max(3),
  /** Whether anyone replied yet: the service level measures the first response until then (shared/domain/sla.ts). */
  replied: z.boolean(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationPage = z.object({
  items: z.array(ConversationSummary),
  nextCursor: z.string().nullable(),
  /** How many conversations match the filters in all. */
  total: z.number().int().nonnegative(),
});
export type ConversationPage = z.infer<typeof ConversationPage>;

export const ConversationDetail = z.object({
  conversation: ConversationSummary,
  messages: z.array(Message),
  /** Internal notes, oldest first; `pending` until the server stored them. */
  notes: z.array(Note.extend({ pending: z.boolean() })),
  customer: Customer,
  orders: z.array(Order),
  /** What the customer has paid, net of refunds: one amount per currency, largest first (empty: nothing yet). */
  lifetimeValue: z.array(z.object({ currency: z.string(), cents: z.number().int() })),
  /** Authors of outbound messages and notes, and who linked the customer's identities, by id. */
  authors: z.record(z.string(), User.pick({ id: true, name: true })),
  /** The customer's other conversations in the rep's teams, on any channel, newest first (at most 20). */
  history: z.array(ConversationSummary),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const listConversations = defineCall('inbox:list', ListConversationsInput, ConversationPage);
export const getConversation = defineCall(
  'inbox:get',
  z.object({ conversationId: z.string().min(1).max(128) }),
  ConversationDetail,
);
/** The signed-in user's teams, each with its own service levels if it set any. */
export const listTeams = defineCall('inbox:teams', z.object({}), z.array(Team));

/** Who a conversation of this team can be assigned to. */
export const listMembers = defineCall(
  'inbox:members',
  z.object({ teamId: z.string().min(1).max(128) }),
  z.array(User.pick({ id: true, name: true, role: true })),
);

/** A conversation with an inbound message newer than the last one the rep saw in it. */
export const UnreadConversation = z.object({
  conversation: ConversationSummary,
  lastInboundAt: z.number().int().nonnegative(),
});
export type UnreadConversation = z.infer<typeof UnreadConversation>;

/**
 * The signed-in rep's unread conversations (assigned to them, or unassigned in their teams),
 * newest inbound message first.
 */
export const listUnread = defineCall('inbox:unread', z.object({}), z.array(UnreadConversation));
/** The rep opened the conversation: what arrived in it so far is read. Kept per rep in the cache; no event follows. */
export const markRead = defineCall(
  'inbox:markRead',
  z.object({ conversationId: z.string().min(1).max(128) }),
  z.object({}),
);

export const inboxCalls = {
  [listConversations.name]: listConversations,
  [getConversation.name]: getConversation,
  [listTeams.name]: listTeams,
  [listMembers.name]: listMembers,
  [listUnread.name]: listUnread,
  [markRead.name]: markRead,
} as const;

/** Conversations whose summary or messages changed (new message, status, assignment). */
export const inboxChanged = defineEvent('inbox:changed', z.object({ conversationIds: z.array(z.string()) }));

/** A pull brought a team's or a user's change (a team's name, its service levels, who is in it): read `inbox:teams` again. */
export const teamsChanged = defineEvent('teams:changed', z.object({}));

/** To leads and admins: conversations of their teams whose response target has just passed, once each. */
export const slaBreached = defineEvent(
  'sla:breached',
  z.object({
    breaches: z.array(
      z.object({
        conversationId: z.string(),
        customerName: z.string(),
        kind: z.enum(['first_response', 'next_response', 'resolution']),
        dueAt: z.number().int(),
      }),
    ),
  }),
);
