import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain/entities';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { applyAction } from '../services/actions/apply';
import { lookupHandlers } from '../socket/lookups';
import { appendChanges } from './changes';
import { getConversation, insertConversation, updateConversation } from './conversations';
import { insertCustomer } from './customers';
import type { Database } from './sql';
import { openSmsConversation, refusalOf, smsCustomer, teamsAB, testBackends } from './testing';
import type { TestDatabase } from './testing';

const NOW = 1_800_000_000_000;
const RANGE = { from: NOW - 1_000, to: NOW + 60_000 };

describe.each(testBackends)('assignment counts on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let ana: User;
  let ben: User;
  let lena: User;
  let bea: User;
  let counter = 0;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    const user = await teamsAB(db, NOW - 10_000);
    ana = await user('ana', 'rep', ['a']);
    ben = await user('ben', 'rep', ['a']);
    lena = await user('lena', 'lead', ['a']);
    bea = await user('bea', 'rep', ['b']);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  async function conversation(teamId: string): Promise<string> {
    const n = ++counter;
    await db.transaction((tx) =>
      insertCustomer(tx, smsCustomer(`cust-${n}`, `+1415555${String(n).padStart(4, '0')}`, NOW)),
    );
    await insertConversation(db, openSmsConversation({ id: `conv-${n}`, teamId, customerId: `cust-${n}` }, NOW), NOW);
    return `conv-${n}`;
  }

  const assign = (actor: User, id: string, seen: string | null, to: string | null, at = NOW) =>
    applyAction(
      db,
      actor,
      {
        id: `assign-${++counter}`,
        action: { type: 'assign', conversationId: id, seenAssigneeId: seen, assigneeId: to },
      },
      at,
    );

  it('counts taken, reassigned, returned and routed in the range, for the team asked about only', async () => {
    const first = await conversation('a');
    const second = await conversation('a');
    const routed = await conversation('a');
    const otherTeam = await conversation('b');
    await assign(ana, first, null, ana.id); // taken from the queue
    await assign(lena, first, ana.id, ben.id); // reassigned
    await assign(lena, first, ben.id, null); // returned
    await assign(lena, second, null, ana.id); // given from the queue
    await assign(lena, second, ana.id, ben.id, NOW + 120_000); // reassigned after the range
    await assign(bea, otherTeam, null, bea.id); // another team's
    await db.transaction(async (tx) => {
      const current = await getConversation(tx, routed);
      if (!current) throw new Error('no conversation');
      const changes = await updateConversation(tx, { ...current, assigneeId: ana.id });
      await appendChanges(tx, changes, NOW, { actor: SYSTEM_ACTOR, type: 'routing' });
    });

    const counts = lookupHandlers(db).assignments;
    expect(await counts(lena, { teamId: 'a', ...RANGE })).toEqual({
      assigned: 2,
      reassigned: 1,
      returned: 1,
      routed: 1,
    });
    expect(await counts(lena, { teamId: null, ...RANGE })).toEqual({
      assigned: 2,
      reassigned: 1,
      returned: 1,
      routed: 1,
    });
    expect(await counts(lena, { teamId: 'a', from: RANGE.from, to: NOW + 200_000 })).toMatchObject({ reassigned: 2 });
  });

  it("refuses reps, and answers another team's id as if it did not exist", async () => {
    expect(await refusalOf(lookupHandlers(db).assignments(ana, { teamId: 'a', ...RANGE }))).toMatch(/^forbidden/);
    expect(await refusalOf(lookupHandlers(db).assignments(lena, { teamId: 'b', ...RANGE }))).toMatch(/^not_found/);
  });
});
