import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ConsoleOverview } from '../../../../shared/api';
import { csatCsv, daysCsv, repsCsv } from './exportCsv';

const overview: ConsoleOverview = {
  generatedAt: 0,
  historyAt: 0,
  teams: [],
  backlog: { open: 0, waiting: 0, unassigned: 0, byChannel: [], byIntent: [] },
  waiting: [],
  queue: [],
  totals: {
    inbound: 0,
    outbound: 0,
    opened: 0,
    resolved: 0,
    oneTouch: 0,
    suggestions: { unchanged: 0, edited: 0, ignored: 0 },
    medianFirstResponseMs: null,
    medianResolutionMs: null,
  },
  reps: [
    {
      userId: 'u1',
      name: 'Ana "the closer", Jr',
      role: 'rep',
      open: 3,
      waiting: 1,
      oldestWaitingSince: null,
      replies: 9,
      suggestions: { unchanged: 4, edited: 2, ignored: 1 },
      medianFirstResponseMs: 90_000,
      overdue: 0,
      atRisk: 0,
    },
  ],
  days: [
    {
      day: '2026-12-05',
      inbound: 4,
      outbound: 3,
      opened: 2,
      resolved: 1,
      oneTouch: 1,
      suggestions: { unchanged: 2, edited: 0, ignored: 1 },
      medianFirstResponseMs: null,
      medianResolutionMs: 5_400_000,
    },
  ],
};

describe('console CSV', () => {
  it('writes one row per day under a header, an unmeasured time left empty', () => {
    expect(parse(daysCsv(overview), { columns: true })).toEqual([
      {
        day: '2026-12-05',
        inbound_messages: '4',
        replies: '3',
        conversations_begun: '2',
        resolved: '1',
        resolved_with_one_reply: '1',
        suggestion_sent_as_written: '2',
        suggestion_edited: '0',
        suggestion_ignored: '1',
        median_first_response_minutes: '',
        median_resolution_minutes: '90.0',
      },
    ]);
  });

  it('quotes names with commas and quotes so they read back whole', () => {
    const [row] = parse<Record<string, string>>(repsCsv(overview), { columns: true });
    expect(row).toEqual({
      name: 'Ana "the closer", Jr',
      role: 'rep',
      open: '3',
      waiting: '1',
      replies: '9',
      suggestion_sent_as_written: '4',
      suggestion_edited: '2',
      suggestion_ignored: '1',
      median_first_response_minutes: '1.5',
    });
  });

  it('writes satisfaction per viewer day, then per rep, averages to one decimal', () => {
    const midnight = new Date(2026, 11, 5).getTime();
    const csv = csatCsv(
      {
        teams: [],
        sent: 4,
        days: [{ day: midnight, responses: 3, scoreTotal: 13, satisfied: 2 }],
        reps: [
          { repId: 'u1', responses: 2, scoreTotal: 9, satisfied: 2 },
          { repId: null, responses: 1, scoreTotal: 4, satisfied: 1 },
        ],
      },
      (repId) => (repId === null ? 'Nobody' : 'Ana, "the closer"'),
    );
    expect(parse(csv, { columns: true })).toEqual([
      { day: '2026-12-05', rep: '', answers: '3', average_score: '4.3', answered_4_or_5: '2' },
      { day: '', rep: 'Ana, "the closer"', answers: '2', average_score: '4.5', answered_4_or_5: '2' },
      { day: '', rep: 'Nobody', answers: '1', average_score: '4.0', answered_4_or_5: '1' },
    ]);
  });
});
