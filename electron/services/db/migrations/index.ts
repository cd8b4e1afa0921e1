import type { Migration } from '../migrate';
import { m001Init } from './001_init';
import { m002MessageSearch } from './002_message_search';
import { m003ConversationCounts } from './003_conversation_counts';
import { m004SnippetMarkers } from './004_snippet_markers';
import { m005Actions } from './005_actions';
import { m006OutboxTargets } from './006_outbox_targets';
import { m007OpenedCustomers } from './007_opened_customers';
import { m008CannedResolutions } from './008_canned_resolutions';
import { m009SearchSecureDelete } from './009_search_secure_delete';
import { m010IdentityKinds } from './010_identity_kinds';
import { m011TeamResolutions } from './011_team_resolutions';
import { m012WaitingQueue } from './012_waiting_queue';
import { m013ConversationReads } from './013_conversation_reads';
import { m014LinkSuggestions } from './014_link_suggestions';
import { m015MessageStatusError } from './015_message_status_error';
import { m017Triage } from './017_triage';
import { m018AssignedReason } from './018_assigned_reason';
import { m019Priority } from './019_priority';
import { m020TeamSla } from './020_team_sla';
import { m021ConsoleIndexes } from './021_console_indexes';
import { m022UserActive } from './022_user_active';
import { m023MessageAttachments } from './023_message_attachments';
import { m024Drafts } from './024_drafts';
import { m025MessageSuggestion } from './025_message_suggestion';

/** In order. Never edit a released migration: add the next number. */
export const migrations: readonly Migration[] = [
  m001Init,
  m002MessageSearch,
  m003ConversationCounts,
  m004SnippetMarkers,
  m005Actions,
  m006OutboxTargets,
  m007OpenedCustomers,
  m008CannedResolutions,
  m009SearchSecureDelete,
  m010IdentityKinds,
  m011TeamResolutions,
  m012WaitingQueue,
  m013ConversationReads,
  m014LinkSuggestions,
  m015MessageStatusError,
  m017Triage,
  m018AssignedReason,
  m019Priority,
  m020TeamSla,
  m021ConsoleIndexes,
  m022UserActive,
  m023MessageAttachments,
  m024Drafts,
  m025MessageSuggestion,
];
