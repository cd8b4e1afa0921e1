/** The snooze menu's choices, as local wall-clock times (a rep's "tomorrow 9:00" is their own). */
export type SnoozePreset = { id: 'hour' | 'tomorrow' | 'next-week'; label: string };

export const SNOOZE_PRESETS: readonly SnoozePreset[] = [
  { id: 'hour', label: '1 hour' },
  { id: 'tomorrow', label: 'Tomorrow morning' },
  { id: 'next-week', label: 'Next week' },
];

const HOUR = 60 * 60_000;
const MORNING = 9;

function morningOf(date: Date): number {
  date.setHours(MORNING, 0, 0, 0);
  return date.getTime();
}

/**
 * When a preset ends, from `now`. Days are counted on the calendar (setDate), not in 24-hour
 * steps, so a daylight-saving change in between still lands on 9:00.
 */
export function snoozeUntil(preset: SnoozePreset['id'], now: number): number {
  const date = new Date(now);
  switch (preset) {
    case 'hour':
      return now + HOUR;
    case 'tomorrow':
      date.setDate(date.getDate() + 1);
      return morningOf(date);
    case 'next-week': {
      // The next Monday after today; on a Monday, the one a week later.
      const daysToMonday = (8 - date.getDay()) % 7 || 7;
      date.setDate(date.getDate() + daysToMonday);
      return morningOf(date);
    }
  }
}
