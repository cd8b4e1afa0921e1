// The console's figures as CSV (RFC 4180), for a spreadsheet.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ConsoleOverview } from '../../../../shared/api';

const minutes = (ms: number | null) => (ms === null ? '' : (ms / 60_000).toFixed(1));

/** One row per day of the range. */
export function daysCsv(overview: ConsoleOverview): string {
  return stringify(
    overview.days.map((day) => [
      day.day,
      day.inbound,
      day.outbound,
      day.opened,
      day.resolved,
      day.oneTouch,
      minutes(day.medianFirstResponseMs),
    ]),
    {
      header: true,
      columns: [
        'day',
        'inbound_messages',
        'replies',
        'conversations_begun',
        'resolved',
        'resolved_with_one_reply',
        'median_first_response_minutes',
      ],
    },
  );
}

/** One row per member of the teams shown. */
export function repsCsv(overview: ConsoleOverview): string {
  return stringify(
    overview.reps.map((rep) => [
      rep.name,
      rep.role,
      rep.open,
      rep.waiting,
      rep.replies,
      minutes(rep.medianFirstResponseMs),
    ]),
    { header: true, columns: ['name', 'role', 'open', 'waiting', 'replies', 'median_first_response_minutes'] },
  );
}

/** Hands the text to the browser (or Electron's) download. */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
