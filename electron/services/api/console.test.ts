import { describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain';
import { openCache } from '../db/open';
import { userData } from '../testing/fixtures';
import { consoleHandlers } from './console';

function handlerFor(user: User) {
  return consoleHandlers({ db: openCache(':memory:'), clock: () => 1_000, requireUser: () => user })[
    'console:overview'
  ];
}

describe('console:overview', () => {
  it('is refused to reps', () => {
    const call = handlerFor(userData('u1', { role: 'rep' }));
    expect(() => call({ teamId: null, days: 7, tzOffsetMinutes: 0, assignee: null })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it("refuses a team that is not the lead's own", () => {
    const call = handlerFor(userData('u1', { role: 'lead', teamIds: ['t1'] }));
    expect(() => call({ teamId: 't2', days: 7, tzOffsetMinutes: 0, assignee: null })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it("answers a lead with their teams' figures", async () => {
    const call = handlerFor(userData('u1', { role: 'lead', teamIds: ['t1'] }));
    const overview = await call({ teamId: null, days: 7, tzOffsetMinutes: 0, assignee: null });
    expect(overview.days).toHaveLength(7);
    expect(overview.backlog.open).toBe(0);
  });
});
