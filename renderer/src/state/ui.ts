import { create } from 'zustand';
import type { InboxFilter, InboxSort } from '../../../shared/api';
import type { Channel, ConversationStatus } from '../../../shared/domain';
import type { SlaPriority } from '../../../shared/domain/sla';
import type { Intent, Sentiment } from '../../../shared/triage/taxonomy';

/** UI state only: what the rep has selected and typed. Server data lives in react-query. */
type InboxFilters = {
  filter: InboxFilter;
  teamId: string | null;
  channel: Channel | null;
  status: ConversationStatus | null;
  intent: Intent | null;
  sentiment: Sentiment | null;
  /** The priority in effect (a person's, else triage's). */
  priority: SlaPriority | null;
  sort: InboxSort;
};

export type ComposerMode = 'reply' | 'note';

/** The suggestions offered for a customer's message, and the one the rep put in the reply box. */
export type SuggestionUse = {
  /** The customer message they answer. */
  inboundId: string;
  /** The text of the suggestion inserted last; null when none was. */
  inserted: string | null;
  /** A reply to that message has been sent: the next one is not counted again. */
  recorded: boolean;
};

/** What the workspace shows: the three-column inbox, the lead console, or the admin screen. */
export type WorkspaceView = 'inbox' | 'console' | 'admin';

/** Sets or deletes one entry of a per-conversation map (an empty value deletes). */
function patchMap<T>(map: Record<string, T>, key: string, value: T | null | ''): Record<string, T> {
  const next = { ...map };
  if (value === null || value === '') delete next[key];
  else next[key] = value;
  return next;
}

type UiState = {
  filters: InboxFilters;
  selectedConversationId: string | null;
  /** Unsent reply text per conversation, so switching conversations or a failed send loses nothing. */
  drafts: Record<string, string>;
  /** Why the last reply in a conversation could not be stored, until the rep sends again. */
  sendErrors: Record<string, string>;
  /** Unsent internal-note text per conversation. */
  noteDrafts: Record<string, string>;
  /** Why the last note could not be stored. */
  noteErrors: Record<string, string>;
  /** Whether the composer writes a reply or an internal note, per conversation (reply when unset). */
  composerModes: Record<string, ComposerMode>;
  /** Suggestions offered and used, per conversation (`Message.suggestion` of the reply sent). */
  suggestionUse: Record<string, SuggestionUse>;
  /** Why the last session ended on the engine's side, shown on the sign-in screen. */
  sessionEndedReason: string | null;
  view: WorkspaceView;
  setFilters: (patch: Partial<InboxFilters>) => void;
  selectConversation: (conversationId: string | null) => void;
  setDraft: (conversationId: string, body: string) => void;
  setSendError: (conversationId: string, message: string | null) => void;
  setNoteDraft: (conversationId: string, body: string) => void;
  setNoteError: (conversationId: string, message: string | null) => void;
  setComposerMode: (conversationId: string, mode: ComposerMode) => void;
  /** Sendable suggestions are on screen for the customer's message `inboundId`. */
  offerSuggestions: (conversationId: string, inboundId: string) => void;
  insertSuggestion: (conversationId: string, text: string) => void;
  /** The reply that answers the suggestions' message was stored. */
  recordSuggestionUse: (conversationId: string) => void;
  setSessionEndedReason: (reason: string | null) => void;
  setView: (view: WorkspaceView) => void;
  reset: () => void;
};

/** The queue a rep works: open conversations, the customer who has waited longest first. */
const initialFilters: InboxFilters = {
  filter: 'all',
  teamId: null,
  channel: null,
  status: 'open',
  intent: null,
  sentiment: null,
  priority: null,
  sort: 'waiting',
};

export const useUiStore = create<UiState>()((set) => ({
  filters: initialFilters,
  selectedConversationId: null,
  drafts: {},
  sendErrors: {},
  noteDrafts: {},
  noteErrors: {},
  composerModes: {},
  suggestionUse: {},
  sessionEndedReason: null,
  view: 'inbox',
  setFilters: (patch) => set((state) => ({ filters: { ...state.filters, ...patch } })),
  selectConversation: (selectedConversationId) => set({ selectedConversationId }),
  setDraft: (conversationId, body) => set((state) => ({ drafts: patchMap(state.drafts, conversationId, body) })),
  setSendError: (conversationId, message) =>
    set((state) => ({ sendErrors: patchMap(state.sendErrors, conversationId, message) })),
  setNoteDraft: (conversationId, body) =>
    set((state) => ({ noteDrafts: patchMap(state.noteDrafts, conversationId, body) })),
  setNoteError: (conversationId, message) =>
    set((state) => ({ noteErrors: patchMap(state.noteErrors, conversationId, message) })),
  setComposerMode: (conversationId, mode) =>
    set((state) => ({ composerModes: patchMap(state.composerModes, conversationId, mode === 'reply' ? null : mode) })),
  offerSuggestions: (conversationId, inboundId) =>
    set((state) =>
      state.suggestionUse[conversationId]?.inboundId === inboundId
        ? state
        : {
            suggestionUse: patchMap(state.suggestionUse, conversationId, {
              inboundId,
              inserted: null,
              recorded: false,
            }),
          },
    ),
  insertSuggestion: (conversationId, text) =>
    set((state) => {
      const use = state.suggestionUse[conversationId];
      return use ? { suggestionUse: patchMap(state.suggestionUse, conversationId, { ...use, inserted: text }) } : state;
    }),
  recordSuggestionUse: (conversationId) =>
    set((state) => {
      const use = state.suggestionUse[conversationId];
      return use ? { suggestionUse: patchMap(state.suggestionUse, conversationId, { ...use, recorded: true }) } : state;
    }),
  setSessionEndedReason: (sessionEndedReason) => set({ sessionEndedReason }),
  setView: (view) => set({ view }),
  reset: () =>
    set({
      filters: initialFilters,
      selectedConversationId: null,
      drafts: {},
      sendErrors: {},
      noteDrafts: {},
      noteErrors: {},
      composerModes: {},
      suggestionUse: {},
      view: 'inbox',
    }),
}));
