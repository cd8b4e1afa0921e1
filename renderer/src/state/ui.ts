import { create } from 'zustand';
import type { InboxFilter } from '../../../shared/api';
import type { Channel, ConversationStatus } from '../../../shared/domain';

/** UI state only: what the rep has selected and typed. Server data lives in react-query. */
type InboxFilters = {
  filter: InboxFilter;
  teamId: string | null;
  channel: Channel | null;
  status: ConversationStatus | null;
};

type UiState = {
  filters: InboxFilters;
  selectedConversationId: string | null;
  /** Unsent reply text per conversation, so switching conversations or a failed send loses nothing. */
  drafts: Record<string, string>;
  /** Why the last reply in a conversation could not be stored, until the rep sends again. */
  sendErrors: Record<string, string>;
  /** Why the last session ended on the engine's side, shown on the sign-in screen. */
  sessionEndedReason: string | null;
  setFilters: (patch: Partial<InboxFilters>) => void;
  selectConversation: (conversationId: string | null) => void;
  setDraft: (conversationId: string, body: string) => void;
  setSendError: (conversationId: string, message: string | null) => void;
  setSessionEndedReason: (reason: string | null) => void;
  reset: () => void;
};

const initialFilters: InboxFilters = { filter: 'all', teamId: null, channel: null, status: null };

export const useUiStore = create<UiState>()((set) => ({
  filters: initialFilters,
  selectedConversationId: null,
  drafts: {},
  sendErrors: {},
  sessionEndedReason: null,
  setFilters: (patch) => set((state) => ({ filters: { ...state.filters, ...patch } })),
  selectConversation: (selectedConversationId) => set({ selectedConversationId }),
  setDraft: (conversationId, body) =>
    set((state) => {
      const drafts = { ...state.drafts };
      if (body === '') delete drafts[conversationId];
      else drafts[conversationId] = body;
      return { drafts };
    }),
  setSendError: (conversationId, message) =>
    set((state) => {
      const sendErrors = { ...state.sendErrors };
      if (message === null) delete sendErrors[conversationId];
      else sendErrors[conversationId] = message;
      return { sendErrors };
    }),
  setSessionEndedReason: (sessionEndedReason) => set({ sessionEndedReason }),
  reset: () => set({ filters: initialFilters, selectedConversationId: null, drafts: {}, sendErrors: {} }),
}));
