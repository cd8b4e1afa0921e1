import { Button, Loader } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useInboxList, useTeams } from '../../api/inbox';
import type { InboxListParams } from '../../api/keys';
import { InboxFilterBar } from '../../components/InboxFilterBar';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';
import { useCommand } from '../keymap/registry';
import { InboxList } from './InboxList';
import classes from './InboxPane.module.css';

export function InboxPane() {
  const filters = useUiStore((state) => state.filters);
  const setFilters = useUiStore((state) => state.setFilters);
  const teams = useTeams();
  useCommand('view.all', () => setFilters({ filter: 'all' }));
  useCommand('view.mine', () => setFilters({ filter: 'mine' }));
  useCommand('view.unassigned', () => setFilters({ filter: 'unassigned' }));
  useCommand('view.team', () => setFilters({ filter: 'team' }));

  const params = useMemo<InboxListParams>(
    () => ({
      filter: filters.filter,
      ...(filters.filter === 'team' && filters.teamId ? { teamId: filters.teamId } : {}),
      ...(filters.channel ? { channel: filters.channel } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.intent ? { intent: filters.intent } : {}),
      ...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
      ...(filters.priority ? { priority: filters.priority } : {}),
      sort: filters.sort,
    }),
    [filters],
  );
  const list = useInboxList(params);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  // A refresh failed but the last answer is still on screen: say so above it.
  const refreshError = list.isError && !list.isFetchNextPageError && items.length > 0;

  return (
    <section className={classes.pane} aria-label="Inbox">
      <InboxFilterBar
        filter={filters.filter}
        channel={filters.channel}
        status={filters.status}
        intent={filters.intent}
        sentiment={filters.sentiment}
        priority={filters.priority}
        sort={filters.sort}
        teamId={filters.teamId}
        teams={teams.data ?? []}
        teamsError={teams.isError ? errorMessage(teams.error) : null}
        onFilter={(filter) => setFilters({ filter })}
        onChannel={(channel) => setFilters({ channel })}
        onStatus={(status) => setFilters({ status })}
        onIntent={(intent) => setFilters({ intent })}
        onSentiment={(sentiment) => setFilters({ sentiment })}
        onPriority={(priority) => setFilters({ priority })}
        onSort={(sort) => setFilters({ sort })}
        onTeam={(teamId) => setFilters({ teamId })}
      />
      <div className={classes.summary}>
        <span data-testid="inbox-total" data-total={list.data ? total : undefined}>
          {list.data ? `${total.toLocaleString()} conversation${total === 1 ? '' : 's'}` : 'Loading…'}
        </span>
        {(list.isPlaceholderData || (list.isRefetching && !list.isFetchingNextPage)) && <Loader size={10} />}
      </div>
      {refreshError && (
        <div className={classes.refreshError} role="alert" data-testid="inbox-refresh-error">
          <IconAlertCircle size={14} aria-hidden className={classes.refreshIcon} />
          <span>Could not refresh: {errorMessage(list.error)}</span>
          <Button size="compact-xs" variant="default" loading={list.isRefetching} onClick={() => void list.refetch()}>
            Retry
          </Button>
        </div>
      )}
      <InboxList list={list} items={items} total={total} resetKey={params} />
    </section>
  );
}
