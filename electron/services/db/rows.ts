// Row ↔ domain mapping, in one place. Rows come from our own schema, so they are trusted.
import type { ConversationSummary } from '../../../shared/api';
import type {
  Channel,
  Conversation,
  ConversationStatus,
  Customer,
  Identity,
  IdentityKind,
  LinkSuggestion,
  Message,
  MessageStatus,
  Order,
  Role,
  User,
} from '../../../shared/domain';
import { kindOfChannel } from '../../../shared/domain';
import type { AssignedReason } from '../../../shared/domain/routing';
import type { SlaPriority } from '../../../shared/domain/sla';
import type { CustomerRecord } from '../../../shared/sync/lookups';

export interface ConversationRow {
  id: string;
  team_id: string;
  customer_id: string;
  channel: string;
  subject: string | null;
  status: string;
  assignee_id: string | null;
  created_at: number;
  last_message_at: number;
  last_message_preview: string;
  waiting_since: number | null;
  tags: string;
  snoozed_until: number | null;
  /** JSON; '[]' when none. Read for one conversation (its view, the rep's pending actions), not for lists. */
  link_suggestions?: string;
  /** JSON, or null (migration 018); read for one conversation, like `link_suggestions`. */
  assigned_reason?: string | null;
  /** `urgent`, `high`, `normal`, or null: automatic (migration 019). */
  priority: string | null;
  customer_name: string;
  customer_handle: string;
  assignee_name: string | null;
  pending_actions: number;
  intent: string | null;
  sentiment: string | null;
  urgency: number;
  replied: number;
}

export interface MessageRow {
  seq: number;
  id: string;
  conversation_id: string;
  channel: string;
  direction: string;
  author_id: string | null;
  body: string;
  created_at: number;
  status: string;
  client_id: string | null;
  /** JSON `{ code, text }` of a failed reply (migration 015); absent in caches before it. */
  status_error?: string | null;
  /** JSON array of what came with an inbound message (migration 023); null when nothing did. */
  attachments?: string | null;
  /** What became of the suggestions offered for a rep's reply (migration 025); null when none were. */
  suggestion?: string | null;
}

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  created_at: number;
}

export interface IdentityRow {
  id: string;
  customer_id: string;
  channel: string;
  value: string;
  display: string;
  kind: string | null;
  linked_by: string | null;
  linked_at: number | null;
  evidence: string | null;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  team_ids: string;
  /** 0: deactivated (migration 022). */
  active: number;
}

/** Columns of a conversation summary, with the assignee's name joined in. */
/** What the list adds to a conversation's own columns. */
export type ListExtra =
  'customer_name' | 'customer_handle' | 'assignee_name' | 'pending_actions' | 'intent' | 'sentiment' | 'urgency';

/**
 * SQL: conversation `c`'s priority in effect, the one a person set, else triage's urgency as a
 * priority — `priorityOfSubject` in shared/domain/sla.ts, which a test keeps this equal to.
 */
export const PRIORITY_IN_EFFECT = `coalesce(c.priority,
  CASE WHEN c.urgency >= 3 THEN 'urgent' WHEN c.urgency >= 2 THEN 'high' ELSE 'normal' END)`;

/** Whether anyone has replied in conversation `c` (the service level's first or next response). */
export const REPLIED = "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound')";

export const SUMMARY_COLUMNS = `c.id, c.team_id, c.customer_id, c.channel, c.subject, c.status, c.assignee_id,
  c.created_at, c.last_message_at, c.last_message_preview, c.waiting_since, c.tags, c.snoozed_until, c.priority,
  c.customer_name, c.customer_handle, c.intent, c.sentiment, c.urgency,
  ${REPLIED} AS replied,
  (SELECT u.name FROM users u WHERE u.id = c.assignee_id) AS assignee_name,
  (SELECT count(*) FROM outbox_targets t JOIN outbox o ON o.id = t.action_id
    WHERE t.conversation_id = c.id AND o.state = 'pending') AS pending_actions`;

/** The columns of a conversation as the server defines it (no list extras). */
export const CONVERSATION_COLUMNS = `id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
  last_message_at, last_message_preview, waiting_since, tags, snoozed_until, link_suggestions, assigned_reason, priority`;

export function toConversation(row: Omit<ConversationRow, ListExtra>): Conversation {
  return {
    id: row.id,
    teamId: row.team_id,
    customerId: row.customer_id,
    channel: row.channel as Channel,
    subject: row.subject,
    status: row.status as ConversationStatus,
    assigneeId: row.assignee_id,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    waitingSince: row.waiting_since,
    tags: JSON.parse(row.tags) as string[],
    snoozedUntil: row.snoozed_until,
    ...suggestionsOf(row.link_suggestions),
    ...reasonOf(row.assigned_reason),
    ...(row.priority ? { priority: row.priority as SlaPriority } : {}),
  };
}

/** Why routing assigned it, when it did (the wire leaves none out). */
export function reasonOf(column: string | null | undefined): { assignedReason?: AssignedReason } {
  return column ? { assignedReason: JSON.parse(column) as AssignedReason } : {};
}

/** The conversation's suggestions, when it has any (the wire leaves none out). */
export function suggestionsOf(column: string | undefined): { linkSuggestions?: LinkSuggestion[] } {
  return column === undefined || column === '[]' ? {} : { linkSuggestions: JSON.parse(column) as LinkSuggestion[] };
}

export function toSummary(row: ConversationRow): ConversationSummary {
  return {
    ...toConversation(row),
    customerName: row.customer_name,
    customerHandle: row.customer_handle,
    assigneeName: row.assignee_name,
    pendingActions: row.pending_actions,
    intent: row.intent as ConversationSummary['intent'],
    sentiment: row.sentiment as ConversationSummary['sentiment'],
    urgency: row.urgency,
    replied: row.replied === 1,
  };
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel as Channel,
    direction: row.direction as Message['direction'],
    authorId: row.author_id,
    body: row.body,
    createdAt: row.created_at,
    status: row.status as MessageStatus,
    clientId: row.client_id,
    ...(row.status_error ? { statusError: JSON.parse(row.status_error) as NonNullable<Message['statusError']> } : {}),
    ...(row.attachments ? { attachments: JSON.parse(row.attachments) as NonNullable<Message['attachments']> } : {}),
    ...(row.suggestion ? { suggestion: row.suggestion as NonNullable<Message['suggestion']> } : {}),
  };
}

export function messageParams(message: Message): Omit<MessageRow, 'seq'> {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    channel: message.channel,
    direction: message.direction,
    author_id: message.authorId,
    body: message.body,
    created_at: message.createdAt,
    status: message.status,
    client_id: message.clientId,
    status_error: message.status === 'failed' && message.statusError ? JSON.stringify(message.statusError) : null,
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    suggestion: message.suggestion ?? null,
  };
}

function toIdentity(row: IdentityRow): Identity {
  const channel = row.channel as Channel;
  return {
    id: row.id,
    customerId: row.customer_id,
    channel,
    value: row.value,
    display: row.display,
    kind: (row.kind as IdentityKind | null) ?? kindOfChannel(channel),
    // How it was linked is known only for identities from a server of protocol 6 on.
    ...(row.linked_by === null ? {} : { linkedBy: row.linked_by }),
    ...(row.linked_at === null ? {} : { linkedAt: row.linked_at }),
    ...(row.evidence === null ? {} : { evidence: row.evidence }),
  };
}

export function toCustomer(row: CustomerRow, identities: IdentityRow[]): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    createdAt: row.created_at,
    identities: identities.map(toIdentity),
  };
}

export function toOrder(doc: string): Order {
  return JSON.parse(doc) as Order;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    teamIds: JSON.parse(row.team_ids) as string[],
    active: row.active !== 0,
  };
}

export interface CachedCustomerRow {
  record: string;
  fetched_at: number;
}

/** A customer the rep opened, as the server answered when it was fetched. */
export interface CachedCustomer {
  record: CustomerRecord;
  fetchedAt: number;
}

export function toCachedCustomer(row: CachedCustomerRow): CachedCustomer {
  return { record: JSON.parse(row.record) as CustomerRecord, fetchedAt: row.fetched_at };
}
