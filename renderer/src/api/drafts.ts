import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import type { Draft, DraftKind } from '../../../shared/api';
import { useUiStore } from '../state/ui';
import { errorCode, errorMessage } from '../transport';
import { useTransport } from './transport';

/** Typing settles for this long before the draft is written to the cache. */
export const DRAFT_SAVE_MS = 250;

/**
 * Keeps what the rep types in the engine's cache (`drafts:save`), so a reload or a restart loses
 * nothing, and puts the kept drafts back into the composer's state once signed in (`drafts:list`;
 * a draft typed meanwhile wins). Mounted once, in the workspace.
 */
export function useDraftKeeping(): void {
  const transport = useTransport();

  useEffect(() => {
    let stopped = false;
    let restoring = false;
    let timer: number | null = null;
    const due = new Map<string, Draft>();

    const save = (draft: Draft) =>
      transport.call('drafts:save', draft).catch((error: unknown) => {
        // Signed out meanwhile: the cache, drafts included, was emptied on purpose.
        if (stopped || errorCode(error) === 'unauthorized') return;
        notifications.show({
          id: 'draft-not-kept',
          color: 'red',
          title: 'Your draft is not kept on this device',
          message: `${errorMessage(error)} It stays in the composer until you send it or reload.`,
        });
      });
    const flush = () => {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      for (const draft of due.values()) void save(draft);
      due.clear();
    };
    const note = (kind: DraftKind, next: Record<string, string>, previous: Record<string, string>) => {
      for (const conversationId of new Set([...Object.keys(next), ...Object.keys(previous)])) {
        const body = next[conversationId] ?? '';
        if (body !== (previous[conversationId] ?? ''))
          due.set(`${kind}:${conversationId}`, { conversationId, kind, body });
      }
    };

    const unsubscribe = useUiStore.subscribe((state, previous) => {
      if (restoring) return;
      note('reply', state.drafts, previous.drafts);
      note('note', state.noteDrafts, previous.noteDrafts);
      if (due.size > 0 && timer === null) timer = window.setTimeout(flush, DRAFT_SAVE_MS);
    });

    void transport.call('drafts:list', {}).then(
      ({ drafts }) => {
        if (stopped) return;
        const ui = useUiStore.getState();
        restoring = true;
        try {
          for (const { conversationId, kind, body } of drafts) {
            if (kind === 'reply' && !ui.drafts[conversationId]) ui.setDraft(conversationId, body);
            if (kind === 'note' && !ui.noteDrafts[conversationId]) ui.setNoteDraft(conversationId, body);
          }
        } finally {
          restoring = false;
        }
      },
      () => {
        // Nothing kept to restore (or the engine is not there yet): typing still saves.
      },
    );

    // Leaving the page: what is still waiting goes now.
    window.addEventListener('pagehide', flush);
    return () => {
      flush();
      stopped = true;
      unsubscribe();
      window.removeEventListener('pagehide', flush);
    };
  }, [transport]);
}
