import { describe, expect, it } from 'vitest';
import { formatAge, formatUpcoming, waitingSeverity } from './time';

const now = Date.UTC(2025, 0, 10, 12, 0, 0);
const minutes = (n: number) => now - n * 60_000;

describe('formatAge', () => {
  it('says "now" under a minute and never goes negative', () => {
    expect(formatAge(now - 30_000, now)).toBe('now');
    expect(formatAge(now + 60_000, now)).toBe('now');
  });

  it('uses the largest whole unit', () => {
    expect(formatAge(minutes(12), now)).toBe('12m');
    expect(formatAge(minutes(59), now)).toBe('59m');
    expect(formatAge(minutes(60), now)).toBe('1h');
    expect(formatAge(minutes(3 * 60 + 59), now)).toBe('3h');
    expect(formatAge(minutes(2 * 24 * 60), now)).toBe('2d');
    expect(formatAge(minutes(15 * 24 * 60), now)).toBe('2w');
  });
});

describe('waitingSeverity', () => {
  it('turns warn after an hour and late after four', () => {
    expect(waitingSeverity(minutes(59), now)).toBe('ok');
    expect(waitingSeverity(minutes(61), now)).toBe('warn');
    expect(waitingSeverity(minutes(4 * 60), now)).toBe('late');
  });
});

describe('formatUpcoming', () => {
  const local = (d: number, h: number, min = 0) => new Date(2025, 0, d, h, min).getTime();
  const base = local(10, 15); // Friday 10 Jan 2025, 15:00 local

  it('names today by the time only and tomorrow by word', () => {
    expect(formatUpcoming(local(10, 16), base)).not.toMatch(/tomorrow|Fri|Jan/);
    expect(formatUpcoming(local(11, 9), base)).toMatch(/^tomorrow /);
  });

  it('names a day this week by its weekday and later ones by date', () => {
    expect(formatUpcoming(local(13, 9), base)).not.toMatch(/tomorrow|Jan/);
    expect(formatUpcoming(local(20, 9), base)).toMatch(/Jan/);
  });
});
