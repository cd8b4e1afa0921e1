import { create } from 'zustand';
import type { ResolutionThen } from '../../../../shared/domain';

/** What runs with the next reply of a conversation: the actions of the canned resolution it was made from. */
export type SendWith = { title: string; then: ResolutionThen };

/** `null`: closed; `new`: a new one; otherwise the id of the one being edited. */
export type EditorTarget = null | 'new' | { id: string };

type CannedState = {
  pickerOpen: boolean;
  editor: EditorTarget;
  sendWith: Record<string, SendWith>;
  setPickerOpen: (open: boolean) => void;
  setEditor: (target: EditorTarget) => void;
  setSendWith: (conversationId: string, value: SendWith | null) => void;
};

export const useCannedStore = create<CannedState>((set) => ({
  pickerOpen: false,
  editor: null,
  sendWith: {},
  setPickerOpen: (pickerOpen) => set({ pickerOpen }),
  setEditor: (editor) => set({ editor }),
  setSendWith: (conversationId, value) =>
    set((state) => {
      const sendWith = { ...state.sendWith };
      if (value === null) delete sendWith[conversationId];
      else sendWith[conversationId] = value;
      return { sendWith };
    }),
}));

/**
 * Opens the canned resolution picker for the open conversation (the composer's `Ctrl/⌘+.` and
 * its toolbar button; a keymap may bind it as `canned.open`). Does nothing without a composer on screen.
 */
export function openCannedPicker(): void {
  useCannedStore.getState().setPickerOpen(true);
}
