import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { Overrides } from '../../lib/keymap/match';

type Handler = () => void;

/**
 * The handlers of the commands in lib/keymap/commands.ts, registered by the features that own them
 * (the latest registration of an id wins), the rep's remaps, and which keymap dialogs are open.
 */
type KeymapState = {
  overrides: Overrides;
  /** How many mounted features provide each command. */
  provided: Record<string, number>;
  helpOpen: boolean;
  settingsOpen: boolean;
  setOverrides: (overrides: Overrides) => void;
  setHelpOpen: (open: boolean) => void;
  setSettingsOpen: (open: boolean) => void;
};

export const useKeymapStore = create<KeymapState>()((set) => ({
  overrides: {},
  provided: {},
  helpOpen: false,
  settingsOpen: false,
  setOverrides: (overrides) => set({ overrides }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
}));

const handlers = new Map<string, Handler[]>();

function provide(id: string, handler: Handler): () => void {
  const list = handlers.get(id) ?? [];
  handlers.set(id, [...list, handler]);
  useKeymapStore.setState((state) => ({ provided: { ...state.provided, [id]: (state.provided[id] ?? 0) + 1 } }));
  return () => {
    handlers.set(
      id,
      (handlers.get(id) ?? []).filter((h) => h !== handler),
    );
    useKeymapStore.setState((state) => ({ provided: { ...state.provided, [id]: (state.provided[id] ?? 1) - 1 } }));
  };
}

export function isProvided(id: string): boolean {
  return (handlers.get(id)?.length ?? 0) > 0;
}

/** Runs a command's handler; false when no mounted feature provides it. */
export function runCommand(id: string): boolean {
  const handler = handlers.get(id)?.at(-1);
  if (!handler) return false;
  handler();
  return true;
}

/**
 * Provides a command's handler while the calling component is mounted (and `enabled`). The
 * latest `run` is called, so it may close over fresh state without re-registering.
 */
export function useCommand(id: string, run: Handler, enabled = true): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (!enabled) return;
    return provide(id, () => latest.current());
  }, [id, enabled]);
}
