import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  DEFAULT_SLA_POLICY,
  priorityOf,
  priorityOfSubject,
  resolutionDue,
  slaDue,
  SlaPolicy,
  slaState,
  targetsOf,
} from './sla';
import type { BusinessCalendar, SlaSubject } from './sla';
import { LONDON_SLA } from './sla-testing';

const UTC = DEFAULT_SLA_POLICY.calendar;
const NEW_YORK: BusinessCalendar = { ...UTC, timeZone: 'America/New_York' };
const at = (iso: string) => Date.parse(iso);
// 2026-12-04 is a Friday, 2026-12-07 a Monday.
const FRIDAY_1630 = at('2026-12-04T16:30:00Z');

describe('business hours', () => {
  it('carries what is left at closing time over the weekend to the next working morning', () => {
    expect(new Date(addBusinessMinutes(FRIDAY_1630, 60, UTC)).toISOString()).toBe('2026-12-07T09:30:00.000Z');
    expect(businessMinutesBetween(FRIDAY_1630, at('2026-12-07T09:30:00Z'), UTC)).toBe(60);
  });

  it('starts the clock at opening time for a message that came in at night', () => {
    expect(new Date(addBusinessMinutes(at('2026-12-08T02:00:00Z'), 15, UTC)).toISOString()).toBe(
      '2026-12-08T09:15:00.000Z',
    );
    expect(businessMinutesBetween(at('2026-12-08T02:00:00Z'), at('2026-12-08T08:59:00Z'), UTC)).toBe(0);
  });

  it("keeps the team's time zone, summer and winter", () => {
    // New York opens at 09:00 local: 14:00Z in December (UTC−5), 13:00Z in July (UTC−4).
    expect(new Date(addBusinessMinutes(at('2026-12-07T12:00:00Z'), 30, NEW_YORK)).toISOString()).toBe(
      '2026-12-07T14:30:00.000Z',
    );
    expect(new Date(addBusinessMinutes(at('2026-07-06T12:00:00Z'), 30, NEW_YORK)).toISOString()).toBe(
      '2026-07-06T13:30:00.000Z',
    );
    // 16:30 on a Friday in New York is 21:30Z: an hour of target ends at 09:30 local on Monday.
    expect(new Date(addBusinessMinutes(at('2026-12-04T21:30:00Z'), 60, NEW_YORK)).toISOString()).toBe(
      '2026-12-07T14:30:00.000Z',
    );
  });

  it('refuses a calendar without a working day instead of looping', () => {
    expect(() => addBusinessMinutes(FRIDAY_1630, 60, { ...UTC, days: [] })).toThrow('no working hours');
  });
});

describe('slaState', () => {
  const subject: SlaSubject = {
    channel: 'sms',
    status: 'open',
    createdAt: at('2026-12-07T10:00:00Z'),
    waitingSince: at('2026-12-07T10:00:00Z'),
    replied: false,
    urgency: 0,
  };

  it('measures the first response while nobody replied, with warning before and breach after', () => {
    expect(slaState(subject, at('2026-12-07T10:30:00Z'))).toEqual({
      kind: 'first_response',
      priority: 'normal',
      dueAt: at('2026-12-07T11:00:00Z'),
      state: 'ok',
    });
    expect(slaState(subject, at('2026-12-07T10:50:00Z'))?.state).toBe('warning');
    expect(slaState(subject, at('2026-12-07T11:00:00Z'))?.state).toBe('breached');
  });

  it('gives an unhappy customer with a late order the urgent target, and email a slower clock', () => {
    expect(slaState({ ...subject, urgency: 3 }, subject.createdAt)).toMatchObject({
      priority: 'urgent',
      dueAt: at('2026-12-07T10:15:00Z'),
    });
    expect(slaState({ ...subject, channel: 'email' }, subject.createdAt)?.dueAt).toBe(at('2026-12-07T14:00:00Z'));
  });

  it('measures the next response after a reply, and resolution once nobody waits', () => {
    const later = at('2026-12-08T10:00:00Z');
    expect(slaState({ ...subject, replied: true, waitingSince: later }, later)).toMatchObject({
      kind: 'next_response',
      dueAt: at('2026-12-08T11:00:00Z'),
    });
    // Answered: three business days to resolve from when it began.
    expect(slaState({ ...subject, replied: true, waitingSince: null }, later)).toMatchObject({
      kind: 'resolution',
      dueAt: at('2026-12-10T10:00:00Z'),
      state: 'ok',
    });
  });

  it('parks the clock while snoozed or resolved', () => {
    expect(slaState({ ...subject, status: 'snoozed' }, subject.createdAt)).toBeNull();
    expect(slaState({ ...subject, status: 'closed' }, subject.createdAt)).toBeNull();
  });

  it('reads the priority from triage urgency', () => {
    expect([0, 1, 2, 3].map(priorityOf)).toEqual(['normal', 'normal', 'high', 'urgent']);
  });

  it('uses the priority a person set over triage, both ways, and triage again once it is automatic', () => {
    // A calm customer a person marked urgent: 15 minutes, not 60.
    expect(slaState({ ...subject, priority: 'urgent' }, subject.createdAt)).toMatchObject({
      priority: 'urgent',
      dueAt: at('2026-12-07T10:15:00Z'),
    });
    // An angry customer with a late order a person marked normal: 60 minutes, not 15.
    expect(slaState({ ...subject, urgency: 3, priority: 'normal' }, subject.createdAt)).toMatchObject({
      priority: 'normal',
      dueAt: at('2026-12-07T11:00:00Z'),
    });
    // High on email: two hours to answer, two business days to resolve.
    expect(slaDue({ ...subject, channel: 'email', priority: 'high' })).toMatchObject({ target: 120 });
    expect(resolutionDue({ ...subject, priority: 'high' })?.target).toBe(2 * 8 * 60);
    // null is automatic: triage decides again.
    expect(slaState({ ...subject, urgency: 2, priority: null }, subject.createdAt)?.priority).toBe('high');
    expect(priorityOfSubject({ urgency: 3 })).toBe('urgent');
    expect(priorityOfSubject({ urgency: 3, priority: 'high' })).toBe('high');
  });
});

describe("a team's own policy", () => {
  const subject: SlaSubject = {
    channel: 'whatsapp',
    status: 'open',
    createdAt: at('2026-12-07T10:00:00Z'),
    waitingSince: at('2026-12-07T10:00:00Z'),
    replied: false,
    urgency: 0,
  };

  it("uses the team's targets per channel, and the default ones for a channel it does not name", () => {
    expect(slaState(subject, subject.createdAt, LONDON_SLA)?.dueAt).toBe(at('2026-12-07T10:20:00Z'));
    expect(slaState(subject, subject.createdAt)?.dueAt).toBe(at('2026-12-07T11:00:00Z'));
    expect(targetsOf(LONDON_SLA, 'sms')).toEqual(DEFAULT_SLA_POLICY.targets.sms);
    expect(slaState({ ...subject, channel: 'sms' }, subject.createdAt, LONDON_SLA)?.dueAt).toBe(
      at('2026-12-07T11:00:00Z'),
    );
  });

  it("counts the team's hours and days: a Saturday evening message is due on Saturday, not Monday", () => {
    // 2026-12-05 is a Saturday: London works until 20:00 local (UTC in December).
    const saturday = { ...subject, createdAt: at('2026-12-05T19:50:00Z'), waitingSince: at('2026-12-05T19:50:00Z') };
    expect(slaState(saturday, saturday.createdAt, LONDON_SLA)?.dueAt).toBe(at('2026-12-07T08:10:00Z'));
    expect(slaState(saturday, saturday.createdAt)?.dueAt).toBe(at('2026-12-07T10:00:00Z'));
  });

  it("warns at the team's share of the target", () => {
    // Half of 20 minutes: a warning from 10:10 on, where the default warns only from 10:15 of 10:20.
    expect(slaState(subject, at('2026-12-07T10:09:00Z'), LONDON_SLA)?.state).toBe('ok');
    expect(slaState(subject, at('2026-12-07T10:11:00Z'), LONDON_SLA)?.state).toBe('warning');
  });

  it('refuses calendars and targets that cannot work, saying what is wrong', () => {
    const refused = (change: (policy: SlaPolicy) => unknown) => {
      const result = SlaPolicy.safeParse(change(structuredClone(LONDON_SLA)));
      return result.success ? 'accepted' : result.error.issues[0]?.message;
    };
    expect(refused((p) => p)).toBe('accepted');
    expect(refused((p) => ({ ...p, calendar: { ...p.calendar, timeZone: 'Mars/Olympus' } }))).toBe(
      'Not a known time zone',
    );
    expect(refused((p) => ({ ...p, calendar: { ...p.calendar, days: [] } }))).toBe(
      'A calendar needs at least one working day',
    );
    expect(refused((p) => ({ ...p, calendar: { ...p.calendar, opensAt: 600, closesAt: 540 } }))).toBe(
      'A working day closes after it opens',
    );
    expect(refused((p) => ({ ...p, calendar: { ...p.calendar, days: [1, 1] } }))).toBe('A day is listed twice');
    expect(
      refused((p) => ({
        ...p,
        targets: { sms: { ...targetsOf(p, 'sms'), first_response: { urgent: 0, high: 1, normal: 1 } } },
      })),
    ).toMatch(/>=1|at least|too small/i);
    expect(refused((p) => ({ ...p, targets: { pager: targetsOf(p, 'sms') } }))).not.toBe('accepted');
  });
});
