import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SyncState } from '../../../shared/api';
import { useUiStore } from '../state/ui';
import { queryKeys } from './keys';
import { endSession } from './session';
import { useTransport } from './transport';

/**
 * A sync pull can name hundreds of conversations in a burst: the first change is read at once,
 * the rest of the burst at most once per this interval.
 */
const COALESCE_MS = 120;

/** Turns engine events into cache updates. Mounted once, for the whole app. */
export function useApiEvents(): void {
  const transport = useTransport();
  const queryClient = useQueryClient();

  useEffect(() => {
    const changed = new Set<string>();
    let timer: number | null = null;
    let flushedAt = -Infinity;

    // The console's figures may take longer than a burst's events are apart: a reading in flight is
    // finished, never cancelled (or the console would never show), and read again once if anything
    // changed meanwhile.
    let consoleBusy = false;
    let consoleAgain = false;
    const refreshConsole = () => {
      if (consoleBusy) {
        consoleAgain = true;
        return;
      }
      consoleBusy = true;
      void queryClient.invalidateQueries({ queryKey: queryKeys.consoleAll }, { cancelRefetch: false }).finally(() => {
        consoleBusy = false;
        if (!consoleAgain) return;
        consoleAgain = false;
        refreshConsole();
      });
    };

    const flush = () => {
      timer = null;
      flushedAt = performance.now();
      void queryClient.invalidateQueries({ queryKey: queryKeys.inboxLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.unread });
      refreshConsole();
      // A merge, its undo or a split changes customers the server holds (their merge history).
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
      for (const id of changed) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(id) });
        // The customer's record may have changed with it: suggestions are filled from it.
        void queryClient.invalidateQueries({ queryKey: queryKeys.suggestionsOf(id) });
      }
      changed.clear();
    };
    /** Now if nothing was read for an interval (a lone change shows at once), else at its end. */
    const schedule = () => {
      if (timer !== null) return;
      const wait = flushedAt + COALESCE_MS - performance.now();
      if (wait <= 0) flush();
      else timer = window.setTimeout(flush, wait);
    };

    const offInbox = transport.on('inbox:changed', ({ conversationIds }) => {
      for (const id of conversationIds) changed.add(id);
      schedule();
    });
    const offSync = transport.on('sync:changed', (state) => {
      const previous = queryClient.getQueryData<SyncState>(queryKeys.syncStatus);
      queryClient.setQueryData(queryKeys.syncStatus, state);
      if (previous !== undefined && previous.rejectedActions !== state.rejectedActions) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.rejectedActions });
      }
      // Right after sign-in the cache may still be empty: once the first pull lands, reread it all.
      if (state.lastSyncedAt !== null && (previous?.lastSyncedAt ?? null) === null) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
      }
    });
    // The engine undid the refused action locally: reread its list and the conversation.
    const offRejected = transport.on('outbox:rejected', (rejected) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rejectedActions });
      for (const id of rejected.conversationIds) changed.add(id);
      schedule();
    });
    // A team's new name or service levels, or who is in it.
    const offTeams = transport.on('teams:changed', () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams });
    });
    const offResolutions = transport.on('resolutions:changed', () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.resolutions });
    });
    const offPresence = transport.on('presence:changed', (view) => {
      queryClient.setQueryData(queryKeys.presence, view);
    });
    const offSession = transport.on('session:ended', ({ reason }) => {
      useUiStore.getState().setSessionEndedReason(reason);
      endSession(queryClient, null);
    });

    // Events may have been missed while the engine was out of reach: refetch what is on screen.
    let wasConnected = transport.link().state === 'connected';
    const offLink = transport.onLink((link) => {
      const connected = link.state === 'connected';
      if (connected && !wasConnected) void queryClient.invalidateQueries();
      wasConnected = connected;
    });

    return () => {
      offInbox();
      offSync();
      offSession();
      offRejected();
      offPresence();
      offResolutions();
      offTeams();
      offLink();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [transport, queryClient]);
}
