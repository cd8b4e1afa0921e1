import { Button, Loader } from '@mantine/core';
import { IconCloudOff, IconInbox } from '@tabler/icons-react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { ConversationSummary } from '../../../../shared/api';
import type { useInboxList } from '../../api/inbox';
import { usePresence } from '../../api/presence';
import { useSyncStatus } from '../../api/sync';
import { useUnread } from '../../api/unread';
import { INBOX_ROW_HEIGHT, InboxRow, InboxRowSkeleton } from '../../components/InboxRow';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { viewersByConversation } from '../../lib/team';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';
import { useCommand } from '../keymap/registry';
import classes from './InboxPane.module.css';

/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 15;
const MORE_HEIGHT = 40;

type Props = {
  list: ReturnType<typeof useInboxList>;
  items: ConversationSummary[];
  total: number;
  /** Changes with the filters: the cursor and scroll go back to the top. */
  resetKey: unknown;
};

/** Thread of the open conversation: where "read" puts the focus. */
function focusThread(): void {
  document.querySelector<HTMLElement>('[data-testid="conversation-pane"] [role="log"]')?.focus();
}

/**
 * The virtualised conversation list: a listbox with one option per conversation and a roving
 * tabindex. The highlighted row is the open conversation (aria-selected), so every action applies
 * to what the rep sees highlighted: j/k (anywhere) and the arrows, Home and End (in the list) open
 * the next one.
 */
export function InboxList({ list, items, total, resetKey }: Props) {
  const selectedId = useUiStore((state) => state.selectedConversationId);
  const selectConversation = useUiStore((state) => state.selectConversation);
  const now = useNow();
  const unread = useUnread();
  const unreadIds = useMemo(() => new Set(unread.data?.map((item) => item.conversation.id)), [unread.data]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // The highlight follows the open conversation, not a position: live updates reorder the list.
  const foundIndex = selectedId === null ? -1 : items.findIndex((item) => item.id === selectedId);
  const activeIndex = foundIndex >= 0 ? foundIndex : 0;

  // The row holding the tab stop is always rendered, even scrolled out of view: Tab must find it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < range.count && !indexes.includes(activeIndex)) indexes.push(activeIndex);
      return indexes.sort((a, b) => a - b);
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => INBOX_ROW_HEIGHT,
    overscan: 10,
    rangeExtractor,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const open = useCallback(
    (index: number) => {
      const item = items[index];
      if (item && item.id !== useUiStore.getState().selectedConversationId) selectConversation(item.id);
    },
    [items, selectConversation],
  );

  // Infinite paging: fetch the next page as the end comes into view.
  const lastVisible = virtualizer.range?.endIndex ?? -1;
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && lastVisible >= items.length - PREFETCH_ROWS)
      void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, lastVisible, items.length]);

  // Moving the cursor may scroll a row into existence: focus it once it has rendered.
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  const move = useCallback(
    (index: number) => {
      if (items.length === 0) return;
      const target = Math.min(items.length - 1, Math.max(0, index));
      open(target);
      pendingFocus.current = target;
      virtualizer.scrollToIndex(target, { align: 'auto' });
    },
    [items.length, open, virtualizer],
  );
  // With nothing open yet, the first step opens the first row.
  const step = (delta: number) => move(foundIndex < 0 ? 0 : foundIndex + delta);
  useCommand('inbox.next', () => step(1));
  useCommand('inbox.previous', () => step(-1));
  useCommand('inbox.open', () => {
    if (foundIndex < 0) move(0);
    else focusThread();
  });

  // The listbox's own keys: the arrows, Home and End.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const to: Record<string, number> = {
      ArrowDown: foundIndex + 1,
      ArrowUp: foundIndex - 1,
      Home: 0,
      End: items.length - 1,
    };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(foundIndex < 0 && event.key.startsWith('Arrow') ? 0 : target);
  };
  const sync = useSyncStatus().data;
  const presence = usePresence().data;
  const viewers = useMemo(() => viewersByConversation(presence?.reps ?? []), [presence]);
  const neverSynced = sync !== undefined && sync.lastSyncedAt === null;

  let body: ReactNode;
  if (list.isPending) {
    body = Array.from({ length: 9 }, (_, i) => <InboxRowSkeleton key={i} />);
  } else if (list.isError && items.length === 0) {
    body = (
      <ErrorView
        title="Could not load conversations"
        message={errorMessage(list.error)}
        onRetry={() => void list.refetch()}
        retrying={list.isRefetching}
      />
    );
  } else if (items.length === 0 && neverSynced) {
    // An empty cache before the first sync says nothing about the filters.
    body = (
      <EmptyView
        icon={sync.connection === 'offline' ? <IconCloudOff size={22} stroke={1.5} /> : <Loader size="sm" />}
        title={sync.connection === 'offline' ? 'Not synced yet' : 'Fetching your conversations…'}
        description={sync.detail ?? 'The first sync brings every conversation your teams can see onto this computer.'}
      />
    );
  } else if (items.length === 0) {
    body = (
      <EmptyView
        icon={<IconInbox size={22} stroke={1.5} />}
        title="No conversations match these filters"
        description="Try another filter, channel or status."
      />
    );
  } else {
    const height = virtualizer.getTotalSize();
    body = (
      <div className={classes.inner} style={{ height: height + (hasNextPage ? MORE_HEIGHT : 0) }}>
        <div
          role="listbox"
          aria-label="Conversations"
          aria-busy={list.isPlaceholderData}
          className={classes.options}
          style={{ height }}
          onKeyDown={onKeyDown}
        >
          {virtualRows.map((row) => {
            const summary = items[row.index];
            if (!summary) return null;
            return (
              <InboxRow
                key={summary.id}
                summary={summary}
                now={now}
                index={row.index}
                setSize={total}
                selected={summary.id === selectedId}
                active={row.index === activeIndex}
                viewers={viewers.get(summary.id)}
                unread={summary.id !== selectedId && unreadIds.has(summary.id)}
                style={{ height: INBOX_ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                onOpen={open}
                onFocusRow={open}
              />
            );
          })}
        </div>
        {hasNextPage && (
          <div className={classes.loadingMore} style={{ top: height, height: MORE_HEIGHT }}>
            {isFetchNextPageError ? (
              <>
                <span className={classes.moreError} role="alert">
                  {errorMessage(list.error)}
                </span>
                <Button size="compact-xs" variant="default" onClick={() => void fetchNextPage()}>
                  Retry
                </Button>
              </>
            ) : (
              <>
                <Loader size={12} /> Loading more…
              </>
            )}
          </div>
        )}
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      data-testid="inbox-list"
      data-inbox-list
      data-stale={list.isPlaceholderData}
      aria-busy={list.isPending}
    >
      {body}
    </div>
  );
}
