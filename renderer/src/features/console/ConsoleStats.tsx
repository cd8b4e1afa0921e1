import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ConsoleOverview, CsatQuery } from '../../../../shared/api';
import { useAssignmentCounts } from '../../api/console';
import { errorMessage } from '../../transport';
import { formatDuration, formatRate, suggestionSummary } from './format';

export function Stat({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <Paper withBorder radius="md" px="sm" py={8}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} lh={1.3} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

const asOf = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** The headline figures: the backlog now, and how the range went. */
export function ConsoleStats({ overview, query }: { overview: ConsoleOverview; query: CsatQuery }) {
  const { backlog, totals } = overview;
  const moves = useAssignmentCounts(query);
  const suggested = suggestionSummary(totals.suggestions);
  return (
    <SimpleGrid cols={{ base: 2, md: 4, xl: 8 }} spacing="sm">
      <Stat label="Open" value={String(backlog.open)} hint="open or pending" testId="console-open" />
      <Stat label="Waiting" value={String(backlog.waiting)} hint="for a reply now" testId="console-waiting" />
      <Stat label="Unassigned" value={String(backlog.unassigned)} hint="in the queue" testId="console-unassigned" />
      <Stat
        label="Reassigned"
        value={moves.data ? String(moves.data.reassigned) : '—'}
        hint={
          moves.data
            ? `in the range; ${moves.data.returned} returned to the queue, ${moves.data.routed} routed`
            : moves.isError
              ? errorMessage(moves.error)
              : 'asking the server…'
        }
        testId="console-reassigned"
      />
      <Stat
        label="First response"
        value={formatDuration(totals.medianFirstResponseMs)}
        hint={`median of ${totals.opened} begun, as of ${asOf.format(overview.historyAt)}`}
        testId="console-first-response"
      />
      <Stat
        label="Time to resolve"
        value={formatDuration(totals.medianResolutionMs)}
        hint={`median of ${totals.resolved} resolved, to the last reply`}
        testId="console-resolution"
      />
      <Stat
        label="One-touch"
        value={formatRate(totals.oneTouch, totals.resolved)}
        hint={`of ${totals.resolved} resolved`}
        testId="console-one-touch"
      />
      <Stat
        label="Suggestions used"
        value={suggested.used}
        hint={suggested.offered === 0 ? 'no replies with suggestions offered' : suggested.words}
        testId="console-suggestions"
      />
    </SimpleGrid>
  );
}
