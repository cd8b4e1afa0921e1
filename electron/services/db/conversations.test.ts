import { describe, expect, it } from 'vitest';
import type { InboxFilter } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { Channel, ConversationStatus } from '../../../shared/domain';
import { changes, conversation, customer, message, order, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { getConversation, listConversations } from './conversations';
import type { ListQuery } from './conversations';
import { openCache } from './open';
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

  it('joins the assignee name', () => {
    const db = seeded();
    expect(listConversations(db, { ...base, filter: 'mine' }).items[0]?.assigneeName).toBe('User u1');
    db.close();
  });
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
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = (sql: string) => {
      seen.push(sql);
      return prepare(sql);
    };
    run(db);
    const plans = seen
      .filter((sql) => /^\s*SELECT/i.test(sql))
      .map((sql) => {
        const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
        const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        return { sql, plan: rows.map((r) => r.detail) };
      });
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

  for (const f of filters) {
    for (const facet of facets) {
      it(`inbox ${f.filter}${f.teamId ? ` ${f.teamId}` : ''} ${JSON.stringify(facet)} is served by an index`, () => {
        const plans = plansOf((db) => {
          const first = listConversations(db, { ...base, ...f, ...facet, limit: 2 });
          if (first.nextCursor) listConversations(db, { ...base, ...f, ...facet, limit: 2, cursor: first.nextCursor });
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
