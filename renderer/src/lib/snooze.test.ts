import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze';

// Local times, so the tests hold in any time zone.
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m, d, h, min).getTime();

describe('snoozeUntil', () => {
  it('adds one hour', () => {
    expect(snoozeUntil('hour', at(2025, 0, 10, 23, 30))).toBe(at(2025, 0, 11, 0, 30));
  });

  it('lands on 9:00 the next calendar day, even across a month end', () => {
    expect(snoozeUntil('tomorrow', at(2025, 0, 10, 8, 0))).toBe(at(2025, 0, 11, 9));
    expect(snoozeUntil('tomorrow', at(2025, 0, 31, 23, 59))).toBe(at(2025, 1, 1, 9));
  });

  it('lands on the next Monday at 9:00, a full week ahead on a Monday', () => {
    // 10 Jan 2025 is a Friday, 13 Jan a Monday, 12 Jan a Sunday.
    expect(snoozeUntil('next-week', at(2025, 0, 10, 15))).toBe(at(2025, 0, 13, 9));
    expect(snoozeUntil('next-week', at(2025, 0, 12, 22))).toBe(at(2025, 0, 13, 9));
    expect(snoozeUntil('next-week', at(2025, 0, 13, 8))).toBe(at(2025, 0, 20, 9));
  });

  it('is always in the future', () => {
    for (let hour = 0; hour < 24; hour += 1) {
      const now = at(2025, 2, 30, hour, 15);
      for (const preset of ['hour', 'tomorrow', 'next-week'] as const)
        expect(snoozeUntil(preset, now)).toBeGreaterThan(now);
    }
  });
});
