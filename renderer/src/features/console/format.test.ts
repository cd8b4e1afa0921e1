import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate } from './format';

describe('console formats', () => {
  it('writes durations in the unit a lead reads at a glance', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(210 * 60_000)).toBe('3.5 h');
  });

  it('writes a rate as a whole percentage, and nothing out of nothing', () => {
    expect(formatRate(2, 3)).toBe('67 %');
    expect(formatRate(0, 0)).toBe('—');
  });
});
