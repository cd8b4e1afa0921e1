import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import type { ConsoleOverview, CsatQuery } from '../../../../shared/api';
import type { CsatReport } from '../../../../shared/sync/lookups';
import { useCsatReport } from '../../api/console';
import { errorMessage } from '../../transport';
import { ChartPanel } from './ChartPanel';
import { Stat } from './ConsoleStats';
import { csatCsv, download } from './exportCsv';
import { formatRate } from './format';
import { SurveySettings } from './SurveySettings';

const DAY_MS = 86_400_000;
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const average = (tally: { responses: number; scoreTotal: number }) =>
  tally.responses === 0 ? null : Math.round((tally.scoreTotal / tally.responses) * 10) / 10;

/** Satisfaction: the range's answers to the survey sent on resolving, by day and by rep, and each team's question. */
export function SatisfactionPanel({ query, overview }: { query: CsatQuery; overview: ConsoleOverview | undefined }) {
  const report = useCsatReport(query, true);
  if (report.isPending) return <Text size="sm">Loading satisfaction scores…</Text>;
  if (report.isError)
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="csat-error">
        {errorMessage(report.error)}
      </Alert>
    );
  return <Report report={report.data} query={query} overview={overview} />;
}

function Report({ report, query, overview }: { report: CsatReport; query: CsatQuery; overview?: ConsoleOverview }) {
  const totals = report.days.reduce(
    (sum, day) => ({
      responses: sum.responses + day.responses,
      scoreTotal: sum.scoreTotal + day.scoreTotal,
      satisfied: sum.satisfied + day.satisfied,
    }),
    { responses: 0, scoreTotal: 0, satisfied: 0 },
  );
  // Every day of the range, today last, with or without answers.
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const days = Array.from({ length: query.days }, (_, index) => {
    const start = today.getTime() - (query.days - 1 - index) * DAY_MS;
    const day = report.days.find((entry) => Math.abs(entry.day - start) < DAY_MS / 2);
    return {
      day: shortDay.format(start),
      Answers: day?.responses ?? 0,
      'Average score': day ? average(day) : null,
    };
  });
  const nameOf = (repId: string | null) =>
    repId === null ? 'Nobody (unassigned)' : (overview?.reps.find((rep) => rep.userId === repId)?.name ?? repId);
  const daily = { h: 180, data: days, dataKey: 'day', tickLine: 'y', gridAxis: 'y' } as const;
  const noSurvey = report.teams.every((team) => team.question === null);
  // Each team side by side: its CSAT over the range (no answers yet: no bar).
  const byTeam = report.teams.map((team) => ({
    team: overview?.teams.find((known) => known.id === team.teamId)?.name ?? team.teamId,
    'CSAT %': team.responses === 0 ? null : Math.round((100 * team.satisfied) / team.responses),
  }));
  return (
    <Stack gap="sm" data-testid="csat-panel">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {noSurvey
            ? 'No team sends a survey yet: switch one on below.'
            : `${report.sent === 1 ? '1 survey' : `${report.sent} surveys`} sent in the last ${query.days} days.`}
        </Text>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          disabled={totals.responses === 0}
          onClick={() =>
            download(`caredesk-csat-${new Date().toISOString().slice(0, 10)}.csv`, csatCsv(report, nameOf))
          }
        >
          Export scores
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label="Answers" value={String(totals.responses)} hint="scores received" testId="csat-responses" />
        <Stat label="Average" value={average(totals)?.toFixed(1) ?? '—'} hint="out of 5" testId="csat-average" />
        <Stat
          label="CSAT"
          value={formatRate(totals.satisfied, totals.responses)}
          hint="answered 4 or 5"
          testId="csat-rate"
        />
        <Stat
          label="Answer rate"
          value={formatRate(totals.responses, report.sent)}
          hint={`of ${report.sent === 1 ? '1 survey' : `${report.sent} surveys`} sent`}
          testId="csat-answer-rate"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="sm">
        <ChartPanel title="Average score per day" testId="csat-average-chart">
          <LineChart
            {...daily}
            series={[{ name: 'Average score', color: 'teal.6' }]}
            yAxisProps={{ domain: [1, 5] }}
            connectNulls
          />
        </ChartPanel>
        <ChartPanel title="Answers per day" testId="csat-volume-chart">
          <BarChart
            {...daily}
            series={[{ name: 'Answers', color: 'indigo.6' }]}
            yAxisProps={{ allowDecimals: false }}
          />
        </ChartPanel>
        <ChartPanel title="CSAT by team (answered 4 or 5)" testId="csat-team-chart">
          <BarChart
            h={180}
            data={byTeam}
            dataKey="team"
            tickLine="y"
            gridAxis="y"
            unit=" %"
            series={[{ name: 'CSAT %', color: 'teal.6' }]}
            yAxisProps={{ domain: [0, 100] }}
          />
        </ChartPanel>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="sm">
        <Paper withBorder radius="md" p={0} data-testid="csat-reps">
          <Text size="sm" fw={600} px="sm" pt="sm" pb={4}>
            By rep (assigned when resolved)
          </Text>
          {report.reps.length === 0 ? (
            <Text size="sm" c="dimmed" px="sm" pb="sm">
              No answers in this range yet.
            </Text>
          ) : (
            <Table verticalSpacing={4} horizontalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rep</Table.Th>
                  <Table.Th ta="right">Answers</Table.Th>
                  <Table.Th ta="right">Average</Table.Th>
                  <Table.Th ta="right">CSAT</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.reps.map((rep) => (
                  <Table.Tr key={rep.repId ?? ''}>
                    <Table.Td>{nameOf(rep.repId)}</Table.Td>
                    <Table.Td ta="right">{rep.responses}</Table.Td>
                    <Table.Td ta="right">{average(rep)?.toFixed(1) ?? '—'}</Table.Td>
                    <Table.Td ta="right">{formatRate(rep.satisfied, rep.responses)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <SurveySettings report={report} overview={overview} />
      </SimpleGrid>
    </Stack>
  );
}
