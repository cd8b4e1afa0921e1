import {
  Alert,
  Button,
  Group,
  Loader,
  Menu,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconChartBar,
  IconClockHour4,
  IconDownload,
  IconHistory,
  IconMoodSmile,
  IconReceiptRefund,
  IconRoute,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { ConsoleOverview } from '../../../../shared/api';
import { useAssignMany, useConsoleOverview } from '../../api/console';
import { useSession } from '../../api/session';
import { useNow } from '../../lib/useNow';
import { errorMessage } from '../../transport';
import { ApprovalsList } from './ApprovalsList';
import { AuditSearch } from './AuditSearch';
import { ConsoleStats } from './ConsoleStats';
import { daysCsv, download, repsCsv } from './exportCsv';
import { QueueCharts } from './QueueCharts';
import { QueueList } from './QueueList';
import { RepLoadTable } from './RepLoadTable';
import { RoutingSettingsPanel } from './RoutingSettingsPanel';
import { SatisfactionPanel } from './SatisfactionPanel';
import { ServiceLevelsPanel } from './ServiceLevelsPanel';
import { TrendCharts } from './TrendCharts';

const RANGES = ['7', '14', '30'] as const;
const TABS = ['queue', 'satisfaction', 'approvals', 'audit', 'routing', 'sla'] as const;
type Tab = (typeof TABS)[number];
const ALL_TEAMS = '*';

/** The lead's view of the queue: where it is stuck, who carries what, and moving work between reps. */
export function LeadConsole() {
  const me = useSession().data?.user;
  const now = useNow(30_000);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [days, setDays] = useState<(typeof RANGES)[number]>('7');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<Tab>('queue');
  const [note, setNote] = useState('');
  const tzOffsetMinutes = new Date().getTimezoneOffset();
  const overview = useConsoleOverview({
    teamId,
    days: Number(days),
    tzOffsetMinutes,
    assignee,
  });
  const assign = useAssignMany();
  const data = overview.data;

  const give = (assigneeId: string | null, ids?: string[]) => {
    const conversationIds = ids ?? [...selected];
    if (conversationIds.length === 0 || !data) return;
    const name =
      assigneeId === null ? 'the queue' : (data.reps.find((rep) => rep.userId === assigneeId)?.name ?? 'them');
    const forAssignee = note.trim();
    assign.mutate(
      { conversationIds, assigneeId, ...(forAssignee && assigneeId !== null ? { note: forAssignee } : {}) },
      {
        onSuccess: () => {
          setSelected(new Set());
          setNote('');
          notifications.show({
            message: `${conversationIds.length === 1 ? '1 conversation' : `${conversationIds.length} conversations`} given to ${name}.`,
            color: 'teal',
          });
        },
        onError: (error) => notifications.show({ title: 'Not reassigned', message: errorMessage(error), color: 'red' }),
      },
    );
  };

  return (
    <ScrollArea h="100%" type="auto" data-testid="lead-console">
      <Stack gap="sm" p="md" maw={1600} mx="auto">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={700} size="lg">
              Team console
            </Text>
            {overview.isFetching && <Loader size={14} aria-label="Refreshing" />}
          </Group>
          <Group gap="xs">
            <Select
              size="xs"
              w={180}
              aria-label="Team"
              value={teamId ?? ALL_TEAMS}
              onChange={(value) => {
                setTeamId(value === null || value === ALL_TEAMS ? null : value);
                setSelected(new Set());
              }}
              allowDeselect={false}
              data={[
                { value: ALL_TEAMS, label: 'All my teams' },
                ...(me?.teamIds ?? []).map((id) => ({
                  value: id,
                  label: data?.teams.find((team) => team.id === id)?.name ?? id,
                })),
              ]}
            />
            <SegmentedControl
              size="xs"
              value={days}
              onChange={(value) => setDays(value)}
              data={RANGES.map((value) => ({ value, label: `${value} days` }))}
              aria-label="Date range"
            />
            <TextInput
              size="xs"
              w={240}
              aria-label="Note for the new assignee"
              placeholder="Note for the new assignee (optional)"
              value={note}
              maxLength={2000}
              onChange={(event) => setNote(event.currentTarget.value)}
              data-testid="console-note"
            />
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              disabled={selected.size === 0 || assign.isPending}
              onClick={() => give(null)}
              data-testid="console-unassign"
            >
              Return to queue
            </Button>
            <ExportMenu overview={data} />
          </Group>
        </Group>
        {overview.isPending && <Text size="sm">Loading the console…</Text>}
        {overview.isError && (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="console-error">
            {errorMessage(overview.error)}
          </Alert>
        )}
        <Tabs
          value={tab}
          onChange={(value) => setTab(TABS.find((known) => known === value) ?? 'queue')}
          keepMounted={false}
        >
          <Tabs.List mb="sm">
            <Tabs.Tab value="queue" leftSection={<IconChartBar size={14} />}>
              Queue and trends
            </Tabs.Tab>
            <Tabs.Tab value="satisfaction" leftSection={<IconMoodSmile size={14} />} data-testid="console-csat-tab">
              Satisfaction
            </Tabs.Tab>
            <Tabs.Tab
              value="approvals"
              leftSection={<IconReceiptRefund size={14} />}
              data-testid="console-approvals-tab"
            >
              Approvals
            </Tabs.Tab>
            <Tabs.Tab value="audit" leftSection={<IconHistory size={14} />} data-testid="console-audit-tab">
              Audit log
            </Tabs.Tab>
            <Tabs.Tab value="routing" leftSection={<IconRoute size={14} />} data-testid="console-routing-tab">
              Routing
            </Tabs.Tab>
            <Tabs.Tab value="sla" leftSection={<IconClockHour4 size={14} />} data-testid="console-sla-tab">
              Service levels
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="satisfaction">
            <SatisfactionPanel query={{ teamId, days: Number(days), tzOffsetMinutes }} overview={data} />
          </Tabs.Panel>
          <Tabs.Panel value="routing">
            {data ? <RoutingSettingsPanel teams={data.teams} /> : <Loader size="sm" aria-label="Loading the console" />}
          </Tabs.Panel>
          <Tabs.Panel value="sla">
            {data ? <ServiceLevelsPanel teams={data.teams} /> : <Loader size="sm" aria-label="Loading the console" />}
          </Tabs.Panel>
          <Tabs.Panel value="approvals">
            <ApprovalsList />
          </Tabs.Panel>
          <Tabs.Panel value="audit">
            <AuditSearch overview={data} />
          </Tabs.Panel>
          <Tabs.Panel value="queue">
            {data && (
              <Stack gap="sm">
                <ConsoleStats overview={data} query={{ teamId, days: Number(days), tzOffsetMinutes }} />
                <Group align="stretch" gap="sm" grow wrap="wrap">
                  <QueueCharts overview={data} />
                </Group>
                <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="sm">
                  <QueueList
                    overview={data}
                    now={now}
                    assignee={assignee}
                    setAssignee={(next) => {
                      setAssignee(next);
                      setSelected(new Set());
                    }}
                    selected={selected}
                    setSelected={setSelected}
                  />
                  <RepLoadTable
                    overview={data}
                    meId={me?.id ?? ''}
                    now={now}
                    selectedCount={selected.size}
                    assignTo={(userId, ids) => give(userId, ids)}
                    busy={assign.isPending}
                  />
                </SimpleGrid>
                <Text size="sm" c="dimmed" data-testid="console-trends-whose">
                  {assignee === null
                    ? 'Trends of every conversation of the team.'
                    : `Trends, first response, time to resolve and one-touch: ${
                        assignee === ''
                          ? 'unassigned conversations'
                          : `conversations held by ${data.reps.find((rep) => rep.userId === assignee)?.name ?? 'this member'}`
                      } (“Whose conversations” chooses).`}
                </Text>
                <TrendCharts overview={data} />
              </Stack>
            )}
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}

function ExportMenu({ overview }: { overview: ConsoleOverview | undefined }) {
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} disabled={!overview}>
          Export CSV
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => overview && download(`caredesk-days-${stamp}.csv`, daysCsv(overview))}>
          Day by day
        </Menu.Item>
        <Menu.Item onClick={() => overview && download(`caredesk-members-${stamp}.csv`, repsCsv(overview))}>
          By team member
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
