import type { ConsoleQuery, CsatQuery, InboxFilter, InboxSort } from '../../../shared/api';
import type { Channel, ConversationStatus } from '../../../shared/domain';
import type { SlaPriority } from '../../../shared/domain/sla';
import type { Intent, Sentiment } from '../../../shared/triage/taxonomy';

/** Every query key in one place, so events know exactly what to invalidate. */
export type InboxListParams = {
  filter: InboxFilter;
  teamId?: string;
  channel?: Channel;
  status?: ConversationStatus;
  intent?: Intent;
  sentiment?: Sentiment;
  priority?: SlaPriority;
  sort: InboxSort;
};

export const queryKeys = {
  session: ['session'] as const,
  inbox: ['inbox'] as const,
  inboxLists: ['inbox', 'list'] as const,
  inboxList: (params: InboxListParams) => ['inbox', 'list', params] as const,
  conversation: (conversationId: string) => ['inbox', 'conversation', conversationId] as const,
  /** The signed-in rep's unread conversations: reread whenever conversations change (events.ts). */
  unread: ['inbox', 'unread'] as const,
  teams: ['inbox', 'teams'] as const,
  members: (teamId: string) => ['inbox', 'members', teamId] as const,
  /** A team's routing settings, as the server holds them (read when the console's Routing tab opens). */
  routing: (teamId: string) => ['routing', teamId] as const,
  search: (query: string) => ['search', query] as const,
  /** Customers as the server holds them (lookups): reread whenever conversations change (events.ts). */
  customers: ['customers'] as const,
  customerSearch: (query: string) => ['customers', 'search', query] as const,
  customerRecord: (customerId: string) => ['customers', 'record', customerId] as const,
  mergePreview: (sourceCustomerId: string, targetCustomerId: string) =>
    ['customers', 'merge-preview', sourceCustomerId, targetCustomerId] as const,
  syncStatus: ['sync', 'status'] as const,
  rejectedActions: ['outbox', 'rejected'] as const,
  presence: ['presence'] as const,
  /** Keyed by the inbound message answered, so a new one asks again. */
  suggestionsOf: (conversationId: string) => ['inbox', 'suggestions', conversationId] as const,
  suggestions: (conversationId: string, messageId: string | null) =>
    ['inbox', 'suggestions', conversationId, messageId] as const,
  /** The same replies phrased by the language model (asked only when an admin turned it on). */
  phrasedSuggestions: (conversationId: string, messageId: string | null) =>
    ['inbox', 'suggestions', conversationId, messageId, 'phrased'] as const,
  assistSettings: ['assist', 'settings'] as const,
  /** The lead console: reread whenever conversations change (events.ts). */
  consoleAll: ['console'] as const,
  /** Refunds waiting for a lead's approval: under the console's key, so conversation changes reread them. */
  approvals: ['console', 'approvals'] as const,
  console: (query: ConsoleQuery) => ['console', query] as const,
  /** Satisfaction scores: a lookup, reread on a timer and when a survey question changes. */
  csatAll: ['csat'] as const,
  csat: (query: CsatQuery) => ['csat', query] as const,
  /** How conversations changed hands in the range, from the server: reread every minute, not on every change. */
  assignments: (query: CsatQuery) => ['assignments', query] as const,
  /** The signed-in rep's remapped shortcuts. */
  keymap: ['keymap'] as const,
  /** The admin screen: users and teams as the server holds them (never cached by the engine). */
  admin: ['admin'] as const,
  adminUsers: ['admin', 'users'] as const,
  adminTeams: ['admin', 'teams'] as const,
  adminChannelAccounts: ['admin', 'channel-accounts'] as const,
  /** The rep's canned resolutions, their own and their teams'. */
  resolutions: ['resolutions'] as const,
};
