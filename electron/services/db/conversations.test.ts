import { describe, expect, it } from 'vitest';
import type { ConversationSummary, InboxFilter, InboxSort } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { Channel, ConversationStatus } from '../../../shared/domain';
import { changes, conversation, customer, message, order, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { getConversation, listConversations } from './conversations';
import type { ListQuery } from './conversations';
import { openCache } from './open';
import { queryPlans } from './testing';
import type { Db } from './open';

const CHANNELS: Channel[] = ['sms', 'x', 'email'];
const STATUSES: ConversationStatus[] = ['open', 'pending', 'closed'];

/** 30 conversations over 3 teams, 3 channels, 3 statuses, some mine (u1), some unassigned. */
function seeded(): Db {
  const db = openCache(':memory:');
  const items = [
    team('t1'),
    team('t2'),
    team('t3'),
    user('u1', { teamIds: ['t1', 't2'] }),
    user('u2'),
    customer('cu1'),
  ];
  for (let i = 0; i < 30; i++) {
    items.push(
      conversation(`c${String(i).padStart(2, '0')}`, {
        teamId: `t${(i % 3) + 1}`,
        channel: CHANNELS[i % 3],
        status: STATUSES[Math.floor(i / 3) % 3],
        assigneeId: i % 4 === 0 ? 'u1' : i % 4 === 1 ? 'u2' : null,
        // Two conversations share each timestamp, so the id breaks ties.
        lastMessageAt: 10_000 + Math.floor(i / 2),
      }),
    );
  }
  applyChanges(db, changes(...items));
  return db;
}

const base: ListQuery = { userId: 'u1', userTeamIds: ['t1', 't2'], filter: 'all', limit: 50 };
const ids = (db: Db, query: Partial<ListQuery>) => listConversations(db, { ...base, ...query }).items.map((c) => c.id);

describe('listConversations', () => {
  it('orders by latest activity, then id, newest first', () => {
    const db = seeded();
    expect(ids(db, {}).slice(0, 4)).toEqual(['c29', 'c28', 'c27', 'c26']);
    db.close();
  });

  it('filters mine, unassigned, team and all, with channel and status', () => {
    const db = seeded();
    const all = listConversations(db, base).items;
    const expectFilter = (query: Partial<ListQuery>, keep: (c: (typeof all)[number]) => boolean) => {
      const page = listConversations(db, { ...base, ...query });
      const expected = all.filter(keep).map((c) => c.id);
      expect(page.items.map((c) => c.id)).toEqual(expected);
      expect(page.total).toBe(expected.length);
    };
    expectFilter({ filter: 'mine' }, (c) => c.assigneeId === 'u1');
    expectFilter({ filter: 'unassigned' }, (c) => c.assigneeId === null);
    expectFilter({ filter: 'team', teamId: 't3' }, (c) => c.teamId === 't3');
    expectFilter({ filter: 'team' }, (c) => c.teamId === 't1' || c.teamId === 't2');
    expectFilter({ filter: 'all', channel: 'sms' }, (c) => c.channel === 'sms');
    expectFilter({ filter: 'all', status: 'closed' }, (c) => c.status === 'closed');
    expectFilter(
      { filter: 'team', channel: 'x', status: 'open' },
      (c) => c.teamId !== 't3' && c.channel === 'x' && c.status === 'open',
    );
    expectFilter({ filter: 'unassigned', status: 'pending' }, (c) => c.assigneeId === null && c.status === 'pending');
    expect(listConversations(db, { ...base, filter: 'team', userTeamIds: [] })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    db.close();
  });

  it('pages with an opaque keyset cursor', () => {
    for (const filter of ['all', 'team'] as const) {
      const db = seeded();
      const everything = ids(db, { filter });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = listConversations(db, { ...base, filter, limit: 7, cursor });
        expect(page.total).toBe(everything.length);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(everything);
      db.close();
    }
  });

  it('keeps totals right as conversations move between filters', () => {
    const db = seeded();
    const total = (query: Partial<ListQuery>) => listConversations(db, { ...base, ...query }).total;
    const mineBefore = total({ filter: 'mine' });
    const closedBefore = total({ status: 'closed' });
    const unassignedOpen = listConversations(db, { ...base, filter: 'unassigned', status: 'open' }).items[0];
    if (!unassignedOpen) throw new Error('fixture has an unassigned open conversation');
    applyChanges(
      db,
      changes(conversation(unassignedOpen.id, { ...unassignedOpen, assigneeId: 'u1', status: 'closed' })),
    );
    expect(total({ filter: 'mine' })).toBe(mineBefore + 1);
    expect(total({ status: 'closed' })).toBe(closedBefore + 1);
    expect(total({})).toBe(30);
    // Re-applying the same state changes nothing.
    applyChanges(
      db,
      changes(conversation(unassignedOpen.id, { ...unassignedOpen, assigneeId: 'u1', status: 'closed' })),
    );
    expect(total({ filter: 'mine' })).toBe(mineBefore + 1);
    db.close();
  });

  it('rejects a forged cursor', () => {
    const db = seeded();
    expect(() => listConversations(db, { ...base, cursor: 'nonsense' })).toThrow(CaredeskError);
    db.close();
  });

  it('rejects a cursor of the other sort', () => {
    const db = seeded();
    const newest = listConversations(db, { ...base, limit: 2 }).nextCursor ?? '';
    const waiting = listConversations(db, { ...base, sort: 'waiting', limit: 2 }).nextCursor ?? '';
    expect(() => listConversations(db, { ...base, sort: 'waiting', cursor: newest })).toThrow(CaredeskError);
    expect(() => listConversations(db, { ...base, sort: 'newest', cursor: waiting })).toThrow(CaredeskError);
    db.close();
  });

  it('joins the assignee name', () => {
    const db = seeded();
    expect(listConversations(db, { ...base, filter: 'mine' }).items[0]?.assigneeName).toBe('User u1');
    db.close();
  });
});

/**
 * 40 conversations over 2 teams: open and pending ones whose customer waits (waiting_since shared
 * by pairs, so the id breaks ties), open ones already answered, and closed ones that still carry
 * an old waiting_since.
 */
function queue(): Db {
  const db = openCache(':memory:');
  const items = [team('t1'), team('t2'), user('u1', { teamIds: ['t1', 't2'] }), customer('cu1')];
  for (let i = 0; i < 40; i++) {
    const kind = i % 4;
    items.push(
      conversation(`q${String(i).padStart(2, '0')}`, {
        teamId: `t${(i % 2) + 1}`,
        status: kind === 0 ? 'open' : kind === 1 ? 'pending' : kind === 2 ? 'open' : 'closed',
        assigneeId: i % 3 === 0 ? 'u1' : null,
        waitingSince: kind === 2 ? null : 5_000 - Math.floor(i / 2),
        lastMessageAt: 10_000 + Math.floor(i / 2),
      }),
    );
  }
  applyChanges(db, changes(...items));
  return db;
}

/** The "longest waiting" order, computed in JavaScript from the whole list. */
function expectedQueue(items: ConversationSummary[]): string[] {
  const waits = (c: ConversationSummary) => (c.status === 'open' || c.status === 'pending') && c.waitingSince !== null;
  const byId = (a: ConversationSummary, b: ConversationSummary) => (a.id < b.id ? -1 : 1);
  const waiting = items.filter(waits).sort((a, b) => (a.waitingSince ?? 0) - (b.waitingSince ?? 0) || byId(a, b));
  const rest = items.filter((c) => !waits(c)).sort((a, b) => b.lastMessageAt - a.lastMessageAt || byId(b, a));
  return [...waiting, ...rest].map((c) => c.id);
}

describe('listConversations sorted by longest wait', () => {
  it('lists waiting open and pending conversations first, oldest wait first, then the rest newest first', () => {
    const db = queue();
    const page = listConversations(db, { ...base, sort: 'waiting' });
    // q39 holds the oldest waiting_since but is closed; q38 was answered.
    expect(page.items.map((c) => c.id).slice(0, 5)).toEqual(['q36', 'q37', 'q32', 'q33', 'q28']);
    expect(page.items.map((c) => c.id)).toEqual(expectedQueue(listConversations(db, base).items));
    // After the 20 waiting conversations, the rest newest first.
    expect(page.items.map((c) => c.id).slice(20, 23)).toEqual(['q39', 'q38', 'q35']);
    expect(page.items.slice(20).every((c) => c.status === 'closed' || c.waitingSince === null)).toBe(true);
    db.close();
  });

  const shapes: { name: string; query: Partial<ListQuery> }[] = [
    { name: 'all', query: {} },
    { name: 'mine', query: { filter: 'mine' } },
    { name: 'unassigned', query: { filter: 'unassigned' } },
    { name: 'one team', query: { filter: 'team', teamId: 't2' } },
    { name: 'all my teams', query: { filter: 'team' } },
    { name: 'open only', query: { status: 'open' } },
    { name: 'closed only', query: { status: 'closed' } },
  ];
  for (const shape of shapes) {
    for (const limit of [1, 3, 7]) {
      it(`pages ${shape.name} ${limit} at a time without losing or repeating a conversation`, () => {
        const db = queue();
        const everything = listConversations(db, { ...base, ...shape.query, limit: 200 }).items;
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = listConversations(db, { ...base, ...shape.query, sort: 'waiting', limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          expect(page.total).toBe(everything.length);
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor && pages < 100);
        expect(seen).toEqual(expectedQueue(everything));
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(everything.length);
        db.close();
      });
    }
  }
});

describe('getConversation', () => {
  it('returns the thread in time order with the customer, orders, lifetime value and authors', () => {
    const db = openCache(':memory:');
    applyChanges(
      db,
      changes(
        user('u1'),
        customer('cu1'),
        conversation('c1'),
        message('m2', { createdAt: 30, direction: 'outbound', authorId: 'u1' }),
        message('m1', { createdAt: 10 }),
        order('o1', {
          placedAt: 1,
          totalCents: 10_000,
          refunds: [{ id: 'r1', amountCents: 2_500, reason: 'late', createdAt: 5 }],
        }),
        order('o2', { placedAt: 2, totalCents: 4_000, status: 'cancelled' }),
        order('o3', { placedAt: 3, totalCents: 1_000, customerId: 'someone-else' }),
      ),
    );
    const detail = getConversation(db, 'c1');
    expect(detail.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(detail.customer.identities).toHaveLength(2);
    expect(detail.orders.map((o) => o.id)).toEqual(['o2', 'o1']);
    expect(detail.lifetimeValue).toEqual([{ currency: 'USD', cents: 7_500 }]);
    expect(detail.authors).toEqual({ u1: { id: 'u1', name: 'User u1' } });
    db.close();
  });

  it('throws not_found for an unknown id', () => {
    const db = openCache(':memory:');
    expect(() => getConversation(db, 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
    db.close();
  });
});

describe('query plans', () => {
  /** Records every SQL statement the repository prepares, then explains each one. */
  function plansOf(run: (db: Db) => void): { sql: string; plan: string[] }[] {
    const db = seeded();
    const plans = queryPlans(db, run);
    db.close();
    return plans;
  }

  /** A full SCAN of a table (walking an index in order with a LIMIT is fine). */
  const fullScan = /^SCAN (c|m|conversations|messages)$/;

  const filters: { filter: InboxFilter; teamId?: string }[] = [
    { filter: 'mine' },
    { filter: 'unassigned' },
    { filter: 'team', teamId: 't1' },
    { filter: 'team' },
    { filter: 'all' },
  ];
  const facets: { channel?: Channel; status?: ConversationStatus }[] = [
    {},
    { channel: 'sms' },
    { status: 'open' },
    { channel: 'sms', status: 'open' },
  ];

  for (const sort of ['newest', 'waiting'] as InboxSort[]) {
    for (const f of filters) {
      for (const facet of facets) {
        it(`inbox ${sort} ${f.filter}${f.teamId ? ` ${f.teamId}` : ''} ${JSON.stringify(facet)} is served by an index`, () => {
          const plans = plansOf((db) => {
            const query = { ...base, ...f, ...facet, sort, limit: 2 };
            let cursor = listConversations(db, query).nextCursor;
            // Through every page, so the waiting sort reaches its second run.
            while (cursor) cursor = listConversations(db, { ...query, cursor }).nextCursor;
          });
          expect(plans.length).toBeGreaterThan(0);
          for (const { sql, plan } of plans) {
            for (const line of plan) expect(line, sql).not.toMatch(fullScan);
            if (/ORDER BY/.test(sql)) expect(plan.join('\n'), sql).not.toMatch(/TEMP B-TREE/);
            // Any filter at all must be a search of an index range, not a walk of the whole index.
            if (/FROM conversations c/.test(sql) && (f.filter !== 'all' || facet.channel || facet.status)) {
              expect(plan.join('\n'), sql).toMatch(/SEARCH c USING/);
            }
          }
        });
      }
    }
  }

  it('the conversation view is served by indexes', () => {
    const plans = plansOf((db) => {
      applyChanges(db, changes(message('m1', { conversationId: 'c00', authorId: 'u1' }), order('o1')));
      getConversation(db, 'c00');
    });
    const reads = plans;
    expect(reads.length).toBeGreaterThan(3);
    for (const { sql, plan } of reads) {
      for (const line of plan) expect(line, sql).not.toMatch(/^SCAN /);
    }
  });
});
