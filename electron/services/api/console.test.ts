import { describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/domain';
import { openCache } from '../db/open';
import { userData } from '../testing/fixtures';
import type { LookupClient } from '../sync/lookups';
import { consoleHandlers } from './console';

/** Records the lookups asked of the server (the real one is exercised in e2e/console.spec.ts). */
const lookup = vi.fn(() => Promise.resolve({ entries: [], next: null }));

function handlersFor(user: User) {
  return consoleHandlers({
    db: openCache(':memory:'),
    clock: () => 1_000,
    requireUser: () => user,
    lookups: { lookup } as unknown as LookupClient,
  });
}

const handlerFor = (user: User) => handlersFor(user)['console:overview'];

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

describe('audit:search', () => {
  it('is refused to reps without asking the server', () => {
    lookup.mockClear();
    const search = handlersFor(userData('u1', { role: 'rep' }))['audit:search'];
    expect(() => search({ limit: 50 })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(lookup).not.toHaveBeenCalled();
  });

  it("passes a lead's query to the server's audit lookup", async () => {
    lookup.mockClear();
    const search = handlersFor(userData('u1', { role: 'lead' }))['audit:search'];
    await expect(search({ type: 'assign', limit: 20 })).resolves.toEqual({ entries: [], next: null });
    expect(lookup).toHaveBeenCalledWith('audit', { type: 'assign', limit: 20 });
  });
});
