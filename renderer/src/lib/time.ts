const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in the shortest form a rep can scan: "now", "12m", "3h", "2d", "5w". */
export function formatAge(since: number, now: number): string {
  const elapsed = Math.max(0, now - since);
  if (elapsed < MINUTE) return 'now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)}d`;
  return `${Math.floor(elapsed / (7 * DAY))}w`;
}

/** Waiting longer than this is worth a colour. */
export function waitingSeverity(since: number, now: number): 'ok' | 'warn' | 'late' {
  const elapsed = now - since;
  if (elapsed >= 4 * HOUR) return 'late';
  if (elapsed >= HOUR) return 'warn';
  return 'ok';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekdayTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
const dayMonthTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dayMonthFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** A message time: "14:05" today, "Tue 14:05" this week, "3 Mar, 14:05" before. */
export function formatMessageTime(at: number, now: number): string {
  if (at >= startOfDay(now)) return timeFormat.format(at);
  if (now - at < 6 * DAY) return weekdayTimeFormat.format(at);
  return dayMonthTimeFormat.format(at);
}

export function formatDate(at: number): string {
  return dateFormat.format(at);
}

/** For tooltips and title attributes. */
export function formatFull(at: number): string {
  return fullFormat.format(at);
}

/** "Nov 24" within the current year, "Nov 24, 2025" otherwise. */
export function formatDay(at: number, now: number): string {
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? dayMonthFormat.format(at) : dateFormat.format(at);
}

/** A time ahead (a snooze's end): "14:05" today, "tomorrow 9:00", "Mon 9:00" this week, "3 Mar, 9:00" later. */
export function formatUpcoming(at: number, now: number): string {
  const today = startOfDay(now);
  const tomorrow = new Date(today);
  tomorrow.setDate(tomorrow.getDate() + 1);
  const dayAfter = new Date(tomorrow);
  dayAfter.setDate(dayAfter.getDate() + 1);
  const inAWeek = new Date(today);
  inAWeek.setDate(inAWeek.getDate() + 6);
  if (at < tomorrow.getTime()) return timeFormat.format(at);
  if (at < dayAfter.getTime()) return `tomorrow ${timeFormat.format(at)}`;
  if (at < inAWeek.getTime()) return weekdayTimeFormat.format(at);
  return dayMonthTimeFormat.format(at);
}
