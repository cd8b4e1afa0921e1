// What the service-levels form shows and reads back: clock times, durations and weekdays.
import type { SlaPolicy } from '../../../../shared/domain/sla';

/** Minutes after midnight as "HH:MM" (1440 is "24:00", the end of the day). */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "HH:MM" as minutes after midnight; null when it is not a time of day. */
export function minutesOf(clock: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

/** A target in business minutes, in words: "45 min", "2 h", "1 h 30 min". */
export function durationOf(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Sunday first, as `BusinessCalendar.days` counts; shown Monday first. */
export const WEEKDAYS = [
  { value: 1, label: 'Mon' },
  { value: 2, label: 'Tue' },
  { value: 3, label: 'Wed' },
  { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' },
  { value: 6, label: 'Sat' },
  { value: 0, label: 'Sun' },
] as const;

/** The calendar in one line: "Mon–Fri 09:00–17:00, Europe/London". */
export function calendarSummary(policy: SlaPolicy): string {
  const days = WEEKDAYS.filter((day) => policy.calendar.days.includes(day.value)).map((day) => day.label);
  const { opensAt, closesAt, timeZone } = policy.calendar;
  return `${days.join(', ')} ${clockOf(opensAt)}–${clockOf(closesAt)}, ${timeZone}`;
}

/** Every time zone the runtime knows, UTC first. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((zone) => zone !== 'UTC')];
}
