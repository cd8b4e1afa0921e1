import { describe, expect, it } from 'vitest';
import { describeLimit, limitFromInput } from './format';

describe('refund limits as the admin screen shows and reads them', () => {
  it('says a rep’s own limit, the default when none is stored, and no limit for leads and admins', () => {
    expect(describeLimit('rep', 12_050)).toBe('120.50');
    expect(describeLimit('rep', 0)).toBe('0.00');
    expect(describeLimit('rep', null)).toBe('50.00 (default)');
    expect(describeLimit('lead', 12_050)).toBe('No limit');
    expect(describeLimit('admin', null)).toBe('No limit');
  });

  it('reads a typed amount as minor units; empty is the role default', () => {
    expect(limitFromInput(75)).toBe(7_500);
    expect(limitFromInput('75.5')).toBe(7_550);
    expect(limitFromInput(0.1 + 0.2)).toBe(30);
    expect(limitFromInput('')).toBeNull();
  });
});
