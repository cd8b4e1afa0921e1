import { Badge, Button, Group, Indicator, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBarToRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConsoleOverview, RepLoad } from '../../../../shared/api';
import { usePresence } from '../../api/presence';
import { formatAge } from '../../lib/time';
import { formatDuration, suggestionSummary } from './format';
import { DRAG_TYPE } from './QueueList';

const PRESENCE_COLOR = { online: 'teal', away: 'yellow', offline: 'gray' } as const;

interface Props {
  overview: ConsoleOverview;
  meId: string;
  now: number;
  selectedCount: number;
  /** Gives the selected (or dropped) conversations to this rep. */
  assignTo: (userId: string, conversationIds?: string[]) => void;
  busy: boolean;
}

/** Each member's load and pace; a row takes the selected conversations, by button or by drop. */
export function RepLoadTable({ overview, meId, now, selectedCount, assignTo, busy }: Props) {
  const presence = usePresence().data?.reps ?? [];
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const statusOf = (rep: RepLoad) =>
    rep.userId === meId ? 'online' : (presence.find((entry) => entry.userId === rep.userId)?.status ?? 'offline');
  return (
    <Paper withBorder radius="md" p={0} data-testid="console-reps">
      <Text size="sm" fw={600} px="sm" pt="sm" pb={4}>
        Team members
      </Text>
      {overview.reps.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm" pb="sm">
          No members in these teams yet.
        </Text>
      ) : (
        <Table verticalSpacing={4} horizontalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th ta="right">Waiting</Table.Th>
              <Table.Th ta="right">Longest wait</Table.Th>
              <Table.Th ta="right">Replies</Table.Th>
              <Table.Th
                ta="right"
                title="Of the replies sent while suggestions were offered, the share that sent one (as written or edited)"
              >
                Suggestions
              </Table.Th>
              <Table.Th ta="right">First response</Table.Th>
              <Table.Th
                ta="right"
                title="Waiting conversations past their response target (red) and close to it (amber)"
              >
                SLA
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.reps.map((rep) => {
              const status = statusOf(rep);
              return (
                <Table.Tr
                  key={rep.userId}
                  data-testid={`console-rep-${rep.userId}`}
                  bg={dropTarget === rep.userId ? 'var(--mantine-color-indigo-light)' : undefined}
                  onDragOver={(event) => {
                    // A deactivated member takes no work: no drop.
                    if (rep.deactivated) return;
                    event.preventDefault();
                    setDropTarget(rep.userId);
                  }}
                  onDragLeave={() => setDropTarget((current) => (current === rep.userId ? null : current))}
                  onDrop={(event) => {
                    event.preventDefault();
                    setDropTarget(null);
                    const ids = event.dataTransfer.getData(DRAG_TYPE);
                    if (ids && !rep.deactivated) assignTo(rep.userId, JSON.parse(ids) as string[]);
                  }}
                >
                  <Table.Td>
                    <Tooltip label={status} position="left">
                      <Indicator color={PRESENCE_COLOR[status]} position="middle-start" size={7} offset={-2}>
                        <Text size="sm" pl={12} fw={500}>
                          {rep.name}{' '}
                          {rep.role !== 'rep' && (
                            <Badge size="xs" variant="light" color="gray" ml={4}>
                              {rep.role}
                            </Badge>
                          )}
                          {rep.deactivated && (
                            <Badge
                              size="xs"
                              variant="light"
                              color="red"
                              ml={4}
                              title="Deactivated by an admin: move their open conversations to someone else"
                              data-testid={`console-deactivated-${rep.userId}`}
                            >
                              Deactivated
                            </Badge>
                          )}
                        </Text>
                      </Indicator>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td ta="right">{rep.open}</Table.Td>
                  <Table.Td ta="right">{rep.waiting}</Table.Td>
                  <Table.Td ta="right">
                    {rep.oldestWaitingSince === null ? '—' : formatAge(rep.oldestWaitingSince, now)}
                  </Table.Td>
                  <Table.Td ta="right">{rep.replies}</Table.Td>
                  <Table.Td ta="right" data-testid={`console-suggestions-${rep.userId}`}>
                    <SuggestionCell use={rep.suggestions} />
                  </Table.Td>
                  <Table.Td ta="right">{formatDuration(rep.medianFirstResponseMs)}</Table.Td>
                  <Table.Td ta="right" data-testid={`console-sla-${rep.userId}`}>
                    <SlaRisk overdue={rep.overdue} atRisk={rep.atRisk} />
                  </Table.Td>
                  <Table.Td ta="right" w={1}>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconArrowBarToRight size={13} />}
                      disabled={selectedCount === 0 || busy || rep.deactivated === true}
                      onClick={() => assignTo(rep.userId)}
                      aria-label={`Give the selected conversations to ${rep.name}`}
                      data-testid={`console-give-${rep.userId}`}
                    >
                      Give {selectedCount || ''}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** A member's waiting conversations past their response target (red) and close to it (amber). */
function SlaRisk({ overdue, atRisk }: { overdue: number; atRisk: number }) {
  if (overdue === 0 && atRisk === 0) return <>—</>;
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {overdue > 0 && (
        <Badge
          color="red"
          variant="light"
          title={`${overdue} past their response target`}
          aria-label={`${overdue} overdue`}
        >
          {overdue}
        </Badge>
      )}
      {atRisk > 0 && (
        <Badge
          color="orange"
          variant="light"
          title={`${atRisk} close to their response target`}
          aria-label={`${atRisk} at risk`}
        >
          {atRisk}
        </Badge>
      )}
    </Group>
  );
}

/** The share of suggestions a member used, with the three counts on hover. */
function SuggestionCell({ use }: { use: RepLoad['suggestions'] }) {
  const summary = suggestionSummary(use);
  if (summary.offered === 0) return <>—</>;
  return (
    <Tooltip label={summary.words} withArrow>
      <Text span size="sm" aria-label={`${summary.used}: ${summary.words}`}>
        {summary.used}
      </Text>
    </Tooltip>
  );
}
