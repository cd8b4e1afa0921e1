import { BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import { ChartPanel } from './ChartPanel';
import type { ConsoleOverview } from '../../../../shared/api';

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const label = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

/** The days of the range: volume, first response, time to resolve and one-touch resolution. */
export function TrendCharts({ overview }: { overview: ConsoleOverview }) {
  const days = overview.days.map((day) => ({
    day: label(day.day),
    Inbound: day.inbound,
    Replies: day.outbound,
    'Median first response (min)':
      day.medianFirstResponseMs === null ? null : Math.round((day.medianFirstResponseMs / 60_000) * 10) / 10,
    'One-touch (%)': day.resolved === 0 ? null : Math.round((day.oneTouch / day.resolved) * 100),
    'Median resolution (h)':
      day.medianResolutionMs === null ? null : Math.round((day.medianResolutionMs / 3_600_000) * 10) / 10,
  }));
  // What the daily charts share: their size, their days on the x axis, horizontal grid lines only.
  const daily = { h: 180, data: days, dataKey: 'day', tickLine: 'y', gridAxis: 'y' } as const;
  return (
    <SimpleGrid cols={{ base: 1, md: 2, xl: 4 }} spacing="sm">
      <ChartPanel title="Messages per day" testId="console-volume-chart">
        <LineChart
          {...daily}
          series={[
            { name: 'Inbound', color: 'indigo.6' },
            { name: 'Replies', color: 'teal.6' },
          ]}
          curveType="monotone"
          withLegend
          yAxisProps={{ allowDecimals: false }}
        />
      </ChartPanel>
      <ChartPanel title="Median first response" testId="console-response-chart">
        <BarChart {...daily} series={[{ name: 'Median first response (min)', color: 'orange.6' }]} unit=" min" />
      </ChartPanel>
      <ChartPanel title="Median time to resolve (begun that day)" testId="console-resolution-chart">
        <BarChart {...daily} series={[{ name: 'Median resolution (h)', color: 'cyan.7' }]} unit=" h" />
      </ChartPanel>
      <ChartPanel title="Resolved with one reply" testId="console-onetouch-chart">
        <LineChart
          {...daily}
          series={[{ name: 'One-touch (%)', color: 'grape.6' }]}
          unit=" %"
          yAxisProps={{ domain: [0, 100] }}
          connectNulls
        />
      </ChartPanel>
    </SimpleGrid>
  );
}
