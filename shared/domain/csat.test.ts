import { describe, expect, it } from 'vitest';
import { csatScoreOf } from './csat';

describe('csatScoreOf', () => {
  it.each([
    ['5', 5],
    [' 4 ', 4],
    ['3/5', 3],
    ['2 / 5', 2],
    ['1 out of 5', 1],
    ['4 stars!', 4],
    ['5.', 5],
    ['⭐⭐⭐', 3],
    ['⭐️⭐️⭐️⭐️⭐️', 5],
    ['★', 1],
  ])('reads %j as %i', (body, score) => {
    expect(csatScoreOf(body)).toBe(score);
  });

  it.each(['0', '6', '10', '5 but the parcel is still missing', 'Order 5', 'thanks', '', '⭐⭐⭐⭐⭐⭐', '4 5'])(
    'reads %j as no answer',
    (body) => {
      expect(csatScoreOf(body)).toBeNull();
    },
  );
});
