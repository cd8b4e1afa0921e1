import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepStatus } from '../../../shared/sync/presence';
import { hashPassword } from '../../auth/password';
import { createTeam, createUser } from '../../db/accounts';
import { getConversation, insertConversation } from '../../db/conversations';
import { insertCustomer } from '../../db/customers';
import type { Database } from '../../db/sql';
import { openSmsConversation, smsCustomer, testBackends } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { startRouting } from './runner';
import { writeRoutingSettings } from './settings';

const NOW = 1_800_000_000_000;
const pglite = testBackends.filter((backend) => backend.kind === 'pglite');

describe.each(pglite)('the routing runner on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    const password = await hashPassword('pw');
    for (const team of ['a', 'b']) await createTeam(db, { id: team, name: team }, NOW);
    const lead = await createUser(
      db,
      { id: 'lena', name: 'Lena', email: 'lena@example.com', role: 'lead', teamIds: ['a', 'b'], password },
      NOW,
    );
    for (const team of ['a', 'b']) {
      await createUser(
        db,
        { id: `rep-${team}`, name: team, email: `${team}@example.com`, role: 'rep', teamIds: [team], password },
        NOW,
      );
      const settings = { mode: 'fewest_open', maxOpen: null, channelMaxOpen: {}, offlineReturnMinutes: null, reps: [] };
      await writeRoutingSettings(db, lead, team, settings, NOW);
      await db.transaction((tx) =>
        insertCustomer(tx, smsCustomer(`cust-${team}`, `+1415555010${team === 'a' ? 1 : 2}`, NOW)),
      );
      await insertConversation(
        db,
        openSmsConversation({ id: `conv-${team}`, teamId: team, customerId: `cust-${team}` }, NOW),
        NOW,
      );
    }
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it('routes every routed team on a sweep, a team whose pass fails logged and not holding up the others', async () => {
    const logged: unknown[] = [];
    const poked: string[][] = [];
    const router = startRouting({
      sql: db,
      clock: () => NOW,
      presence: (teamId) =>
        teamId === 'a'
          ? Promise.reject(new Error('presence of a is unreadable'))
          : Promise.resolve(new Map<string, RepStatus>([['rep-b', 'online']])),
      poke: (changes) => poked.push(changes.teamIds),
      log: (error) => logged.push(error),
      intervalMs: 3_600_000,
    });
    const outcomes = await router.sweep();
    expect(outcomes.map((o) => o.assigned)).toEqual([1]);
    expect((await getConversation(db, 'conv-b'))?.assigneeId).toBe('rep-b');
    expect((await getConversation(db, 'conv-a'))?.assigneeId).toBeNull();
    expect(logged).toEqual([new Error('presence of a is unreadable')]);
    expect(poked).toEqual([['b']]);
    await router.stop();
    // Stopped: nothing runs any more.
    expect(await router.sweep()).toEqual([]);
  });
});
