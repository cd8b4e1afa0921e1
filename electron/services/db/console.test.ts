import { describe, expect, it } from 'vitest';
import { changes, conversation, customer, message, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { consoleOverview, median } from './console';
import { openCache } from './open';

const MIN = 60_000;
const DAY = 86_400_000;
/** Noon UTC on 2026-12-06: every day of the range below starts at a UTC midnight. */
const NOW = Date.UTC(2026, 11, 6, 12);
const TODAY = Date.UTC(2026, 11, 6);
const YESTERDAY = TODAY - DAY;

/**
 * Team t1 (reps u1, u2) and team t2 (rep u3). In t1: c1 waits 2 minutes and is u1's; c2 waits 30
 * minutes, unassigned; c3 waits 2 days, u2's, on SMS; c4 is resolved yesterday with one reply by
 * u1 10 minutes after the customer wrote; c6 is u2's, pending, answered; c5 is snoozed. In t2: c9 waits 3 hours (another team).
 */
function seeded() {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      team('t1'),
      team('t2'),
      user('u1', { name: 'Ana', teamIds: ['t1'] }),
      user('u2', { name: 'Ben', teamIds: ['t1'] }),
      user('u3', { name: 'Cy', teamIds: ['t2'] }),
      customer('cu1'),
      conversation('c1', {
        assigneeId: 'u1',
        waitingSince: NOW - 2 * MIN,
        createdAt: TODAY + MIN,
        lastMessageAt: NOW - 2 * MIN,
      }),
      conversation('c2', { waitingSince: NOW - 30 * MIN, createdAt: TODAY + 2 * MIN, lastMessageAt: NOW - 30 * MIN }),
      conversation('c3', { assigneeId: 'u2', channel: 'sms', waitingSince: NOW - 2 * DAY, createdAt: NOW - 2 * DAY }),
      conversation('c4', {
        assigneeId: 'u1',
        status: 'closed',
        waitingSince: null,
        createdAt: YESTERDAY + 60 * MIN,
        lastMessageAt: YESTERDAY + 70 * MIN,
      }),
      conversation('c6', { assigneeId: 'u2', status: 'pending', waitingSince: null, lastMessageAt: NOW - 60 * MIN }),
      conversation('c5', { status: 'snoozed', waitingSince: NOW - 5 * MIN, snoozedUntil: NOW + DAY }),
      conversation('c9', {
        teamId: 't2',
        assigneeId: 'u3',
        waitingSince: NOW - 3 * 60 * MIN,
        lastMessageAt: NOW - 3 * 60 * MIN,
      }),
      message('m1', { conversationId: 'c1', createdAt: NOW - 2 * MIN }),
      message('m2', { conversationId: 'c2', createdAt: NOW - 30 * MIN }),
      message('m4a', { conversationId: 'c4', createdAt: YESTERDAY + 60 * MIN }),
      message('m4b', {
        conversationId: 'c4',
        direction: 'outbound',
        authorId: 'u1',
        status: 'sent',
        createdAt: YESTERDAY + 70 * MIN,
        suggestion: 'unchanged',
      }),
      message('m9', { conversationId: 'c9', createdAt: NOW - 3 * 60 * MIN }),
    ),
  );
  return db;
}

const overview = (teamIds: string[], days = 7, assignee: string | null = null) =>
  consoleOverview(seeded(), { teamIds, days, tzOffsetMinutes: 0, assignee, now: NOW });

describe('consoleOverview', () => {
  it('counts the backlog of open and pending conversations by channel, without snoozed or resolved ones', () => {
    const { backlog } = overview(['t1']);
    expect(backlog).toEqual({
      open: 4,
      waiting: 3,
      unassigned: 1,
      byChannel: [
        { channel: 'x', open: 3, waiting: 2, unassigned: 1 },
        { channel: 'sms', open: 1, waiting: 1, unassigned: 0 },
      ],
      byIntent: [{ intent: null, open: 4, negative: 0, neutral: 0, positive: 0 }],
    });
  });

  it('counts the backlog by the intent and sentiment triage gave each conversation', () => {
    const db = seeded();
    const triaged = db.prepare('UPDATE conversations SET intent = ?, sentiment = ? WHERE id = ?');
    triaged.run('refund', 'negative', 'c1');
    triaged.run('refund', 'neutral', 'c3');
    triaged.run('order_status', 'positive', 'c6');
    // Resolved: not in the backlog.
    triaged.run('refund', 'negative', 'c4');
    const { backlog } = consoleOverview(db, { teamIds: ['t1'], days: 7, tzOffsetMinutes: 0, assignee: null, now: NOW });
    expect(backlog.byIntent).toEqual([
      { intent: 'refund', open: 2, negative: 1, neutral: 1, positive: 0 },
      { intent: null, open: 1, negative: 0, neutral: 0, positive: 0 },
      { intent: 'order_status', open: 1, negative: 0, neutral: 0, positive: 1 },
    ]);
  });

  it("counts each member's waiting conversations past their response target and close to it, in business hours", () => {
    const risk = (now: number) =>
      consoleOverview(seeded(), { teamIds: ['t1'], days: 7, tzOffsetMinutes: 0, assignee: null, now }).reps.map(
        (rep) => [rep.name, rep.overdue, rep.atRisk],
      );
    // Sunday noon: c3 (Ben's) waited through Friday afternoon, past its hour; c1 (Ana's) came in on Sunday,
    // and its clock starts on Monday at nine.
    expect(risk(NOW)).toEqual([
      ['Ana', 0, 0],
      ['Ben', 1, 0],
    ]);
    // Monday 09:50: ten minutes of c1's hour are left, under a quarter of it.
    expect(risk(TODAY + DAY + 9 * 60 * MIN + 50 * MIN)).toEqual([
      ['Ana', 0, 1],
      ['Ben', 1, 0],
    ]);
  });

  it('sorts waiting customers into wait buckets', () => {
    const counts = Object.fromEntries(overview(['t1']).waiting.map((bucket) => [bucket.label, bucket.count]));
    expect(counts).toEqual({ '< 5 min': 1, '5–15 min': 0, '15–60 min': 1, '1–4 h': 0, '4–24 h': 0, '> 1 day': 1 });
  });

  it('lists the queue with the longest-waiting customers first, then the others latest first', () => {
    expect(overview(['t1']).queue.map((row) => row.id)).toEqual(['c3', 'c2', 'c1', 'c6']);
  });

  it('lists the queue at risk first: overdue, then the target due soonest, recomputed when urgency changes', () => {
    const db = seeded();
    const queue = () =>
      consoleOverview(db, { teamIds: ['t1'], days: 7, tzOffsetMinutes: 0, assignee: null, now: NOW }).queue;
    // Sunday: c1 and c2 are both due Monday 10:00 (an hour from opening), so the longer wait (c2) leads.
    expect(queue().map((row) => [row.id, row.sla?.state ?? null])).toEqual([
      ['c3', 'breached'],
      ['c2', 'ok'],
      ['c1', 'ok'],
      ['c6', null],
    ]);
    // c1's customer is unhappy with a late order: urgent, due at 09:15, ahead of c2 that waited longer.
    db.prepare('UPDATE conversations SET urgency = 3 WHERE id = ?').run('c1');
    const rows = queue();
    expect(rows.map((row) => row.id)).toEqual(['c3', 'c1', 'c2', 'c6']);
    expect(rows[1]?.sla).toEqual({
      kind: 'first_response',
      priority: 'urgent',
      dueAt: TODAY + DAY + 9 * 60 * MIN + 15 * MIN,
      state: 'ok',
    });
  });

  it("lists one member's queue, or the unassigned one", () => {
    expect(overview(['t1'], 7, 'u2').queue.map((row) => row.id)).toEqual(['c3', 'c6']);
    expect(overview(['t1'], 7, '').queue.map((row) => row.id)).toEqual(['c2']);
  });

  it('gives each member of the teams their load, replies and first-response time', () => {
    const reps = overview(['t1']).reps;
    expect(reps.map((rep) => [rep.name, rep.open, rep.waiting, rep.replies, rep.medianFirstResponseMs])).toEqual([
      ['Ana', 1, 1, 1, 10 * MIN],
      ['Ben', 2, 1, 0, null],
    ]);
    expect(reps[1]?.oldestWaitingSince).toBe(NOW - 2 * DAY);
  });

  it('counts each day of the range by the viewer calendar: volume, conversations begun, one-touch resolutions', () => {
    const days = overview(['t1'], 3).days;
    expect(days.map((day) => day.day)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
    expect(days[1]).toEqual({
      day: '2026-12-05',
      inbound: 1,
      outbound: 1,
      opened: 1,
      resolved: 1,
      oneTouch: 1,
      suggestions: { unchanged: 1, edited: 0, ignored: 0 },
      medianFirstResponseMs: 10 * MIN,
      medianResolutionMs: 10 * MIN,
    });
    expect(days[2]).toMatchObject({
      inbound: 2,
      outbound: 0,
      opened: 2,
      resolved: 0,
      medianFirstResponseMs: null,
      medianResolutionMs: null,
    });
  });

  it("counts one member's conversations as their trends, and keeps every member's replies the team's", () => {
    // u1 holds c1 (begun today) and c4 (begun and resolved yesterday); u2 holds c3 and c6.
    const ana = overview(['t1'], 3, 'u1');
    expect(ana.days.map((day) => [day.day, day.opened, day.resolved, day.inbound, day.outbound])).toEqual([
      ['2026-12-04', 0, 0, 0, 0],
      ['2026-12-05', 1, 1, 1, 1],
      ['2026-12-06', 1, 0, 1, 0],
    ]);
    expect(ana.totals).toMatchObject({ opened: 2, resolved: 1, medianResolutionMs: 10 * MIN });
    const unassigned = overview(['t1'], 3, '');
    expect(unassigned.days.map((day) => day.opened)).toEqual([0, 0, 1]);
    expect(unassigned.totals.resolved).toBe(0);
    expect(ana.reps).toEqual(overview(['t1'], 3).reps);
  });

  it('counts what each member did with the suggestions offered, per member and per day of their own replies', () => {
    const db = seeded();
    // Today Ben answers in c1 three times: editing a suggestion, writing his own while they were
    // offered, and with none offered; Ana's reply in c4 yesterday sent one as written.
    const reply = (id: string, at: number, suggestion?: 'edited' | 'ignored') =>
      message(id, {
        conversationId: 'c1',
        direction: 'outbound',
        authorId: 'u2',
        status: 'sent',
        createdAt: at,
        ...(suggestion ? { suggestion } : {}),
      });
    applyChanges(
      db,
      changes(
        reply('m3a', NOW - 50 * MIN, 'edited'),
        reply('m3b', NOW - 40 * MIN, 'ignored'),
        reply('m3c', NOW - 30 * MIN),
      ),
    );
    const input = { teamIds: ['t1'], days: 3, tzOffsetMinutes: 0, now: NOW };
    const team = consoleOverview(db, { ...input, assignee: null });
    expect(team.reps.map((rep) => [rep.name, rep.replies, rep.suggestions])).toEqual([
      ['Ana', 1, { unchanged: 1, edited: 0, ignored: 0 }],
      ['Ben', 3, { unchanged: 0, edited: 1, ignored: 1 }],
    ]);
    expect(team.days.map((day) => day.suggestions)).toEqual([
      { unchanged: 0, edited: 0, ignored: 0 },
      { unchanged: 1, edited: 0, ignored: 0 },
      { unchanged: 0, edited: 1, ignored: 1 },
    ]);
    expect(team.totals.suggestions).toEqual({ unchanged: 1, edited: 1, ignored: 1 });
    // One member's days count the replies they sent.
    const ben = consoleOverview(db, { ...input, assignee: 'u2' });
    expect(ben.totals.suggestions).toEqual({ unchanged: 0, edited: 1, ignored: 1 });
    const ana = consoleOverview(db, { ...input, assignee: 'u1' });
    expect(ana.totals.suggestions).toEqual({ unchanged: 1, edited: 0, ignored: 0 });
  });

  it('sums the range, with the median first response over every conversation in it', () => {
    expect(overview(['t1'], 3).totals).toEqual({
      inbound: 3,
      outbound: 1,
      // c3 (2 days ago), c4 (yesterday), c1 and c2 (today).
      opened: 4,
      resolved: 1,
      oneTouch: 1,
      suggestions: { unchanged: 1, edited: 0, ignored: 0 },
      medianFirstResponseMs: 10 * MIN,
      medianResolutionMs: 10 * MIN,
    });
  });

  it('starts days at the viewer midnight, not UTC midnight', () => {
    // UTC+13: 00:30 UTC on the 6th (when c1 and c2 began) is already the 6th there, and so is 23:00 UTC on the 5th.
    const db = seeded();
    const shifted = consoleOverview(db, {
      teamIds: ['t1'],
      days: 2,
      tzOffsetMinutes: -13 * 60,
      assignee: null,
      now: NOW,
    });
    expect(shifted.days.map((day) => day.day)).toEqual(['2026-12-06', '2026-12-07']);
  });

  it("shows nothing of another team's conversations or members", () => {
    const result = overview(['t2']);
    expect(result.queue.map((row) => row.id)).toEqual(['c9']);
    expect(result.reps.map((rep) => rep.name)).toEqual(['Cy']);
    expect(result.backlog.open).toBe(1);
    expect(result.teams).toEqual([{ id: 't2', name: 'Team t2' }]);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
