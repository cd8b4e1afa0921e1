// The console's figures as CSV (RFC 4180), for a spreadsheet.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ConsoleOverview, SuggestionUse } from '../../../../shared/api';
import type { CsatReport } from '../../../../shared/sync/lookups';

const minutes = (ms: number | null) => (ms === null ? '' : (ms / 60_000).toFixed(1));

/** Replies sent while suggestions were offered: one sent as written, edited, or the rep's own instead. */
const SUGGESTION_COLUMNS = ['suggestion_sent_as_written', 'suggestion_edited', 'suggestion_ignored'];
const suggestionCells = (use: SuggestionUse) => [use.unchanged, use.edited, use.ignored];

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
      ...suggestionCells(day.suggestions),
      minutes(day.medianFirstResponseMs),
      minutes(day.medianResolutionMs),
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
        ...SUGGESTION_COLUMNS,
        'median_first_response_minutes',
        'median_resolution_minutes',
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
      ...suggestionCells(rep.suggestions),
      minutes(rep.medianFirstResponseMs),
    ]),
    {
      header: true,
      columns: ['name', 'role', 'open', 'waiting', 'replies', ...SUGGESTION_COLUMNS, 'median_first_response_minutes'],
    },
  );
}

/** The viewer's calendar date of a local midnight, as YYYY-MM-DD. */
function localDate(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Satisfaction: one row per day with answers, then one per rep (`day` empty), averages to one decimal. */
export function csatCsv(report: CsatReport, nameOf: (repId: string | null) => string): string {
  const average = (tally: { responses: number; scoreTotal: number }) =>
    tally.responses === 0 ? '' : (tally.scoreTotal / tally.responses).toFixed(1);
  return stringify(
    [
      ...report.days.map((day) => [localDate(day.day), '', day.responses, average(day), day.satisfied]),
      ...report.reps.map((rep) => ['', nameOf(rep.repId), rep.responses, average(rep), rep.satisfied]),
    ],
    { header: true, columns: ['day', 'rep', 'answers', 'average_score', 'answered_4_or_5'] },
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
