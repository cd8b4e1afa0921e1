// Service levels: how soon a conversation must be answered and resolved, in business hours of the
// team's calendar. Pure: the engine computes each conversation's state from its cache with its
// own clock, so the list, the thread and the leads' alerts agree, offline too. Each team may set its
// own policy (its leads and admins, on the server); a team without one uses DEFAULT_SLA_POLICY.
import { z } from 'zod';
import { Channel, CHANNELS } from './channels';

export const SLA_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export const SlaPriority = z.enum(SLA_PRIORITIES);
export type SlaPriority = z.infer<typeof SlaPriority>;
export const SLA_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

const DAY_MINUTES = 24 * 60;

/** An IANA time zone this runtime knows ("Europe/London", "UTC"). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Not a known time zone');

/** When a team works: the days (0 = Sunday) and hours, in its IANA time zone. */
export const BusinessCalendar = z
  .object({
    timeZone: TimeZone,
    days: z.array(z.number().int().min(0).max(6)).min(1, 'A calendar needs at least one working day').max(7),
    /** Minutes after local midnight. */
    opensAt: z.number().int().min(0).max(DAY_MINUTES),
    closesAt: z.number().int().min(0).max(DAY_MINUTES),
  })
  .refine((calendar) => calendar.opensAt < calendar.closesAt, {
    message: 'A working day closes after it opens',
    path: ['closesAt'],
  })
  .refine((calendar) => new Set(calendar.days).size === calendar.days.length, {
    message: 'A day is listed twice',
    path: ['days'],
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** A target in business minutes: at least one, at most 60 working days of 24 hours. */
const Target = z
  .number()
  .int()
  .min(1)
  .max(60 * DAY_MINUTES);
const ByPriority = z.object({ urgent: Target, high: Target, normal: Target });
/** Targets in business minutes, per kind and priority, for one channel. */
export const SlaTargets = z.object({
  first_response: ByPriority,
  next_response: ByPriority,
  resolution: ByPriority,
});
export type SlaTargets = z.infer<typeof SlaTargets>;

/**
 * A team's service levels: its calendar and each channel's targets (PUT `/api/teams/:id/sla`). A
 * channel it does not name (one added since it was saved) keeps the default targets.
 */
export const SlaPolicy = z.object({
  calendar: BusinessCalendar,
  targets: z.partialRecord(Channel, SlaTargets),
  /** A target turns to a warning when less than this share of it is left. */
  warnShare: z.number().min(0.05).max(0.9),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

const response = { urgent: 15, high: 30, normal: 60 };
const DAY = 8 * 60;
const MESSAGING: SlaTargets = {
  first_response: response,
  next_response: response,
  resolution: { urgent: DAY, high: 2 * DAY, normal: 3 * DAY },
};
/** Email is answered on a slower clock than the conversational channels. */
const EMAIL: SlaTargets = {
  first_response: { urgent: 60, high: 120, normal: 240 },
  next_response: { urgent: 60, high: 120, normal: 240 },
  resolution: { urgent: DAY, high: 2 * DAY, normal: 5 * DAY },
};

export const DEFAULT_SLA_POLICY: SlaPolicy & { targets: Record<Channel, SlaTargets> } = {
  calendar: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], opensAt: 9 * 60, closesAt: 17 * 60 },
  targets: Object.fromEntries(CHANNELS.map((c) => [c, c === 'email' ? EMAIL : MESSAGING])) as Record<
    Channel,
    SlaTargets
  >,
  warnShare: 0.25,
};

/** A channel's targets under `policy` (the default ones for a channel it does not name). */
export function targetsOf(policy: SlaPolicy, channel: Channel): SlaTargets {
  return policy.targets[channel] ?? DEFAULT_SLA_POLICY.targets[channel];
}

/** Triage's urgency (0–3) as a priority: an unhappy customer is high, one with a late order too, urgent. */
export function priorityOf(urgency: number): SlaPriority {
  return urgency >= 3 ? 'urgent' : urgency >= 2 ? 'high' : 'normal';
}

/** A conversation's priority: the one a person set, else triage's. */
export function priorityOfSubject(subject: Pick<SlaSubject, 'priority' | 'urgency'>): SlaPriority {
  return subject.priority ?? priorityOf(subject.urgency);
}

const MINUTE = 60_000;
const DAY_MS = 86_400_000;

interface LocalDay {
  /** The instant of local midnight. */
  midnight: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Zones change their offset only on quarter hours, so an offset is remembered per quarter hour. */
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const quarter = Math.floor(at / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = readOffset(quarter * QUARTER_HOUR, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function readOffset(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(at);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - (at - (at % 1000));
}

/** The local day `at` falls in. (A day that changes its offset at midnight is off by that hour.) */
function localDay(at: number, timeZone: string): LocalDay {
  const local = at + offsetAt(at, timeZone);
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const midnight = localMidnight - offsetAt(localMidnight - offsetAt(at, timeZone), timeZone);
  return { midnight, weekday: new Date(localMidnight).getUTCDay() };
}

/** The business window of the day `at` falls in, or null on a day off. */
function windowOf(day: LocalDay, calendar: BusinessCalendar): [number, number] | null {
  if (!calendar.days.includes(day.weekday)) return null;
  return [day.midnight + calendar.opensAt * MINUTE, day.midnight + calendar.closesAt * MINUTE];
}

/** At most this many days are walked (a calendar with no working day would never end). */
const MAX_DAYS = 400;

/** The business windows from the day `from` falls in onwards, each clipped to start no earlier than `from`. */
function* businessWindows(from: number, calendar: BusinessCalendar): Generator<[number, number]> {
  let day = localDay(from, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const window = windowOf(day, calendar);
    if (window && window[1] > from) yield [Math.max(window[0], from), window[1]];
    day = localDay(day.midnight + DAY_MS + 2 * 3_600_000, calendar.timeZone);
  }
}

/** Business minutes between `from` and `to` (0 when `to` is before `from`). */
export function businessMinutesBetween(from: number, to: number, calendar: BusinessCalendar): number {
  let total = 0;
  for (const [start, end] of businessWindows(from, calendar)) {
    if (start >= to) break;
    total += Math.min(end, to) - start;
  }
  return total / MINUTE;
}

/** The instant `minutes` business minutes after `from`. */
export function addBusinessMinutes(from: number, minutes: number, calendar: BusinessCalendar): number {
  let left = minutes * MINUTE;
  for (const [start, end] of businessWindows(from, calendar)) {
    if (left <= end - start) return start + left;
    left -= end - start;
  }
  throw new Error('The business calendar has no working hours.');
}

/** What a conversation's service level depends on. */
export interface SlaSubject {
  channel: Channel;
  status: 'open' | 'pending' | 'snoozed' | 'closed';
  createdAt: number;
  waitingSince: number | null;
  /** Whether anyone has replied yet (first or next response). */
  replied: boolean;
  urgency: number;
  /** The priority a person set; absent or null: automatic, from `urgency`. */
  priority?: SlaPriority | null;
}

/** The most pressing target that applies, and when it falls due: it changes only with the subject. */
export interface SlaDue {
  kind: SlaKind;
  priority: SlaPriority;
  /** In business minutes. */
  target: number;
  dueAt: number;
}

export interface SlaState {
  /** The most pressing target that applies. */
  kind: SlaKind;
  priority: SlaPriority;
  dueAt: number;
  state: 'ok' | 'warning' | 'breached';
}

/**
 * The most pressing target of a conversation: a response while the customer waits (first until
 * someone replied, then next), and resolution until it is resolved. None while snoozed or resolved
 * (the clock is parked).
 */
export function slaDue(subject: SlaSubject, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaDue | null {
  if (subject.status === 'closed' || subject.status === 'snoozed') return null;
  const candidates = [dueOf('resolution', subject.createdAt, subject, policy)];
  if (subject.waitingSince !== null) {
    const kind = subject.replied ? 'next_response' : 'first_response';
    candidates.push(dueOf(kind, subject.waitingSince, subject, policy));
  }
  return candidates.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));
}

/** The resolution target alone, whether or not a response is due sooner (null while snoozed or resolved). */
export function resolutionDue(subject: SlaSubject, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaDue | null {
  if (subject.status === 'closed' || subject.status === 'snoozed') return null;
  return dueOf('resolution', subject.createdAt, subject, policy);
}

function dueOf(kind: SlaKind, since: number, subject: SlaSubject, policy: SlaPolicy): SlaDue {
  const priority = priorityOfSubject(subject);
  const target = targetsOf(policy, subject.channel)[kind][priority];
  return { kind, priority, target, dueAt: addBusinessMinutes(since, target, policy.calendar) };
}

/** A due target's state at `now`: a warning when less than `warnShare` of it is left in business time. */
export function slaStateAt(due: SlaDue, now: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaState {
  const left = businessMinutesBetween(now, due.dueAt, policy.calendar);
  const state = now >= due.dueAt ? 'breached' : left < due.target * policy.warnShare ? 'warning' : 'ok';
  return { kind: due.kind, priority: due.priority, dueAt: due.dueAt, state };
}

/** The most pressing target of a conversation (slaDue) and its state at `now`. */
export function slaState(subject: SlaSubject, now: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaState | null {
  const due = slaDue(subject, policy);
  return due && slaStateAt(due, now, policy);
}
