import { describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/domain';
import { applyChanges } from '../db/changes';
import { openCache } from '../db/open';
import { changes, conversation, message, team } from '../testing/fixtures';
import { userData } from '../testing/fixtures';
import type { LookupClient } from '../sync/lookups';
import { consoleHandlers, HISTORY_TTL_MS } from './console';

/** A server that cannot be reached (the real one is exercised in e2e/console.spec.ts). */
const unreachableServer = {
  serverUrl: 'http://127.0.0.1:9',
  fetch: () => Promise.reject(new TypeError('fetch failed')),
  token: () => Promise.resolve('token'),
};

/** Records the lookups asked of the server (the real one is exercised in e2e/console.spec.ts). */
const lookup = vi.fn(() => Promise.resolve({ entries: [], next: null }));

function handlersFor(user: User) {
  return consoleHandlers({
    db: openCache(':memory:'),
    clock: () => 1_000,
    requireUser: () => user,
    lookups: { lookup } as unknown as LookupClient,
    server: unreachableServer,
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

describe('console:overview over time', () => {
  it('reads the queue fresh on every call and the history again once a minute has passed', async () => {
    const db = openCache(':memory:');
    let now = Date.UTC(2026, 11, 6, 12);
    const handler = consoleHandlers({
      db,
      clock: () => now,
      requireUser: () => userData('lead', { role: 'lead', teamIds: ['t1'] }),
      server: unreachableServer,
      lookups: { lookup } as unknown as LookupClient,
    })['console:overview'];
    const ask = () => handler({ teamId: null, days: 1, tzOffsetMinutes: 0, assignee: null });
    const arrive = (id: string) =>
      applyChanges(
        db,
        changes(
          conversation(id, { waitingSince: now, lastMessageAt: now, createdAt: now }),
          message(`${id}-m`, { conversationId: id, createdAt: now }),
        ),
      );
    applyChanges(db, changes(team('t1')));
    arrive('c1');
    expect((await ask()).totals.inbound).toBe(1);

    now += 1_000;
    arrive('c2');
    const soon = await ask();
    expect(soon.backlog.waiting).toBe(2);
    expect(soon.totals.inbound).toBe(1);
    expect(soon.historyAt).toBe(now - 1_000);

    now += HISTORY_TTL_MS;
    const later = await ask();
    expect(later.totals.inbound).toBe(2);
    expect(later.historyAt).toBe(now);
  });
});

describe('satisfaction scores and the survey question', () => {
  it("asks the server for the range of days the console shows, in the viewer's days", async () => {
    const asked = vi.fn((_name: string, _input: unknown) =>
      Promise.resolve({ teams: [], sent: 0, days: [], reps: [] }),
    );
    const now = Date.UTC(2026, 11, 7, 3, 30);
    const handlers = consoleHandlers({
      db: openCache(':memory:'),
      clock: () => now,
      requireUser: () => userData('lead', { role: 'lead', teamIds: ['t1'] }),
      lookups: { lookup: asked } as unknown as LookupClient,
      server: unreachableServer,
    });
    // New York (UTC−5, getTimezoneOffset 300): 03:30 UTC is 22:30 on 6 December there.
    await handlers['csat:report']({ teamId: 't1', days: 7, tzOffsetMinutes: 300 });
    const sixDecemberNewYork = Date.UTC(2026, 11, 6, 5);
    expect(asked).toHaveBeenCalledWith('csat', {
      teamId: 't1',
      from: sixDecemberNewYork - 6 * 86_400_000,
      to: now + 1,
      tzOffsetMinutes: -300,
    });
  });

  it('is refused to reps, and says offline when the server cannot be reached', async () => {
    const rep = handlersFor(userData('u1', { role: 'rep' }));
    expect(() => rep['csat:report']({ teamId: null, days: 7, tzOffsetMinutes: 0 })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    const lead = handlersFor(userData('lead', { role: 'lead', teamIds: ['t1'] }));
    await expect(lead['csat:set-question']({ teamId: 't1', question: 'How did we do?' })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: expect.stringContaining('Nothing was changed') as string,
    });
  });
});
