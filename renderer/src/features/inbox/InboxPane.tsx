import { Button, Loader } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useInboxList, useTeams } from '../../api/inbox';
import type { InboxListParams } from '../../api/keys';
import { InboxFilterBar } from '../../components/InboxFilterBar';
import { INBOX_ROW_HEIGHT, InboxRow, InboxRowSkeleton } from '../../components/InboxRow';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';
import classes from './InboxPane.module.css';
import { useInboxKeyboard } from './useInboxKeyboard';

/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 15;

export function InboxPane() {
  const filters = useUiStore((state) => state.filters);
  const setFilters = useUiStore((state) => state.setFilters);
  const selectedId = useUiStore((state) => state.selectedConversationId);
  const selectConversation = useUiStore((state) => state.selectConversation);
  const teams = useTeams();
  const now = useNow();

  const params = useMemo<InboxListParams>(
    () => ({
      filter: filters.filter,
      ...(filters.filter === 'team' && filters.teamId ? { teamId: filters.teamId } : {}),
      ...(filters.channel ? { channel: filters.channel } : {}),
      ...(filters.status ? { status: filters.status } : {}),
    }),
    [filters],
  );
  const list = useInboxList(params);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  // The keyboard cursor follows a conversation, not a position: live updates reorder the list.
  const [activeId, setActiveId] = useState<string | null>(null);
  const pendingFocus = useRef<number | null>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => INBOX_ROW_HEIGHT,
    overscan: 10,
  });
  const virtualRows = virtualizer.getVirtualItems();

  // New filters: back to the top of the list.
  useEffect(() => {
    setActiveId(null);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [params]);

  const foundIndex = activeId === null ? -1 : items.findIndex((item) => item.id === activeId);
  const activeIndex = foundIndex >= 0 ? foundIndex : 0;
  const setActiveIndex = useCallback((index: number) => setActiveId(items[index]?.id ?? null), [items]);

  // Infinite paging: fetch the next page as the end comes into view.
  const lastVisible = virtualRows.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastVisible >= items.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastVisible, items.length]);

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
      setActiveIndex(index);
      pendingFocus.current = index;
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [virtualizer, setActiveIndex],
  );
  const open = useCallback(
    (index: number) => {
      const item = items[index];
      if (!item) return;
      setActiveId(item.id);
      selectConversation(item.id);
    },
    [items, selectConversation],
  );
  const onKeyDown = useInboxKeyboard({ count: items.length, activeIndex, move, open });

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
  } else if (items.length === 0) {
    body = (
      <EmptyView
        icon={<IconInbox size={22} stroke={1.5} />}
        title="No conversations match these filters"
        description="Try another filter, channel or status."
      />
    );
  } else {
    body = (
      <div className={classes.inner} style={{ height: virtualizer.getTotalSize() + (hasNextPage ? 40 : 0) }}>
        {virtualRows.map((row) => {
          const summary = items[row.index];
          if (!summary) return null;
          return (
            <InboxRow
              key={summary.id}
              summary={summary}
              now={now}
              index={row.index}
              selected={summary.id === selectedId}
              active={row.index === activeIndex}
              style={{ height: INBOX_ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onOpen={open}
              onFocusRow={setActiveIndex}
            />
          );
        })}
        {hasNextPage && (
          <div className={classes.loadingMore} style={{ top: virtualizer.getTotalSize(), height: 40 }}>
            {list.isFetchNextPageError ? (
              <Button size="compact-xs" variant="default" onClick={() => void fetchNextPage()}>
                Could not load more. Retry
              </Button>
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
    <section className={classes.pane} aria-label="Inbox">
      <InboxFilterBar
        filter={filters.filter}
        channel={filters.channel}
        status={filters.status}
        teamId={filters.teamId}
        teams={teams.data ?? []}
        onFilter={(filter) => setFilters({ filter })}
        onChannel={(channel) => setFilters({ channel })}
        onStatus={(status) => setFilters({ status })}
        onTeam={(teamId) => setFilters({ teamId })}
      />
      <div className={classes.summary}>
        <span data-testid="inbox-total" data-total={list.data ? total : undefined}>
          {list.data ? `${total.toLocaleString()} conversation${total === 1 ? '' : 's'}` : 'Loading…'}
        </span>
        {(list.isPlaceholderData || (list.isRefetching && !list.isFetchingNextPage)) && <Loader size={10} />}
      </div>
      <div
        ref={scrollRef}
        className={classes.scroller}
        role="listbox"
        aria-label="Conversations"
        aria-busy={list.isPending || list.isPlaceholderData}
        data-testid="inbox-list"
        data-inbox-list
        data-stale={list.isPlaceholderData}
        onKeyDown={onKeyDown}
      >
        {body}
      </div>
    </section>
  );
}
