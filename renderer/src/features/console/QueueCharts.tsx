import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { ChartPanel } from './ChartPanel';
import type { ConsoleOverview } from '../../../../shared/api';
import { CHANNEL_LABELS } from '../../../../shared/domain';

/** The queue as it stands: how long the waiting customers have waited, and the backlog per channel. */
export function QueueCharts({ overview }: { overview: ConsoleOverview }) {
  const byChannel = overview.backlog.byChannel.map((row) => ({
    channel: CHANNEL_LABELS[row.channel],
    Waiting: row.waiting,
    Answered: row.open - row.waiting,
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
    </>
  );
}
