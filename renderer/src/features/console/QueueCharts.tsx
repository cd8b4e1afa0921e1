import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { ChartPanel } from './ChartPanel';
import type { ConsoleOverview } from '../../../../shared/api';
import { CHANNEL_LABELS } from '../../../../shared/domain';
import { INTENT_LABELS } from '../../../../shared/triage/taxonomy';

/** The queue as it stands: how long the waiting customers have waited, and the backlog per channel and intent. */
export function QueueCharts({ overview }: { overview: ConsoleOverview }) {
  const byChannel = overview.backlog.byChannel.map((row) => ({
    channel: CHANNEL_LABELS[row.channel],
    Waiting: row.waiting,
    Answered: row.open - row.waiting,
  }));
  const byIntent = overview.backlog.byIntent.map((row) => ({
    intent: row.intent ? INTENT_LABELS[row.intent] : 'Not read yet',
    Negative: row.negative,
    Neutral: row.neutral,
    Positive: row.positive,
    Unread: row.open - row.negative - row.neutral - row.positive,
  }));
  return (
    <>
      <ChartPanel title="Waiting now, by time waited" testId="console-waiting-chart">
        <BarChart
          h={170}
          data={overview.waiting.map((bucket) => ({ wait: bucket.label, Customers: bucket.count }))}
          dataKey="wait"
          series={[{ name: 'Customers', color: 'indigo.6' }]}
          tickLine="y"
          gridAxis="y"
          yAxisProps={{ allowDecimals: false }}
        />
      </ChartPanel>
      <ChartPanel title="Backlog by channel" testId="console-channel-chart">
        {byChannel.length === 0 ? (
          <Text size="sm" c="dimmed" h={170}>
            Nothing open in these teams.
          </Text>
        ) : (
          <BarChart
            h={170}
            data={byChannel}
            dataKey="channel"
            xAxisProps={{ interval: 0 }}
            type="stacked"
            series={[
              { name: 'Waiting', color: 'orange.6' },
              { name: 'Answered', color: 'teal.6' },
            ]}
            tickLine="y"
            gridAxis="y"
            withLegend
            yAxisProps={{ allowDecimals: false }}
          />
        )}
      </ChartPanel>
      <ChartPanel title="Backlog by intent and sentiment" testId="console-intent-chart">
        {byIntent.length === 0 ? (
          <Text size="sm" c="dimmed" h={170}>
            Nothing open in these teams.
          </Text>
        ) : (
          <BarChart
            h={170}
            data={byIntent}
            dataKey="intent"
            orientation="vertical"
            yAxisProps={{ width: 130, interval: 0, tick: { fontSize: 10 } }}
            type="stacked"
            series={[
              { name: 'Negative', color: 'red.6' },
              { name: 'Neutral', color: 'gray.5' },
              { name: 'Positive', color: 'teal.6' },
              { name: 'Unread', color: 'gray.3' },
            ]}
            gridAxis="x"
            withLegend
          />
        )}
      </ChartPanel>
    </>
  );
}
