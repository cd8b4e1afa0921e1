import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role, User } from '../../../shared/domain/entities';
import { DEFAULT_ROUTING } from '../../../shared/domain/routing';
import type { RoutingSettings } from '../../../shared/domain/routing';
import type { RepStatus } from '../../../shared/sync/presence';
import { hashPassword } from '../../auth/password';
import { createTeam, createUser } from '../../db/accounts';
import { getConversation } from '../../db/conversations';
import { pullChanges } from '../../db/changes';
import type { Database } from '../../db/sql';
import { testBackends } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { applyAction } from '../actions/apply';
import { receiveInbound } from '../inbound';
import { routeTeam } from './route';
import { writeRoutingSettings } from './settings';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

describe.each(testBackends)('routing a team on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let lead: User;
  let phone = 0;
  const presence = new Map<string, RepStatus>();
  const route = (now = NOW) => routeTeam(db, 'a', () => Promise.resolve(new Map(presence)), now);
  const configure = (settings: Partial<RoutingSettings>) =>
    writeRoutingSettings(db, lead, 'a', { ...DEFAULT_ROUTING, ...settings }, NOW);
  /** A customer writes in: a new conversation in team a. */
  const inbound = async (body: string, at = NOW) =>
    (await receiveInbound(db, { channel: 'sms', from: `+1415555${String(++phone).padStart(4, '0')}`, body }, at))
      .conversationId;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    const password = await hashPassword('pw');
    const user = (id: string, role: Role) =>
      createUser(
        db,
        { id, name: id[0]!.toUpperCase() + id.slice(1), email: `${id}@example.com`, role, teamIds: ['a'], password },
        NOW,
      );
    lead = await user('lena', 'lead');
    for (const rep of ['ana', 'ben', 'cy']) await user(rep, 'rep');
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  beforeEach(async () => {
    // Every test starts from an empty queue and nobody online.
    await db.query(`update conversations set status = 'closed'`);
    await db.query('delete from routing_offline');
    presence.clear();
  });

  it('routes nothing in manual mode', async () => {
    await configure({ mode: 'manual' });
    presence.set('ana', 'online');
    const id = await inbound('Where is my parcel?');
    expect(await route()).toMatchObject({ assigned: 0, returned: 0 });
    expect((await getConversation(db, id))?.assigneeId).toBeNull();
  });

  it('gives each conversation to the least loaded online rep, with the reason on the row, the log and the audit', async () => {
    await configure({ mode: 'fewest_open' });
    presence.set('ana', 'away').set('ben', 'online').set('cy', 'online');
    const first = await inbound('Where is my parcel?', NOW - 2 * MINUTE);
    const second = await inbound('Can I change my address?', NOW - MINUTE);
    const outcome = await route();
    expect(outcome).toMatchObject({ decided: true, assigned: 2 });

    const one = await getConversation(db, first);
    const two = await getConversation(db, second);
    expect(one?.assigneeId).toBe('ben');
    expect(two?.assigneeId).toBe('cy');
    expect(one?.assignedReason).toEqual({
      kind: 'routed',
      at: NOW,
      mode: 'fewest_open',
      open: 0,
      skipped: [{ userId: 'ana', why: 'away' }],
    });
    // Engines receive the reason with the conversation.
    const page = await pullChanges(db, ['a'], 0, 10_000, 'ben');
    const change = page.changes.filter((c) => c.kind === 'conversation' && c.data.id === first).at(-1);
    expect(change?.kind === 'conversation' && change.data.assignedReason).toEqual(one?.assignedReason);
    const audit = await db.query<{ actor: string; type: string; after: { assigneeId?: string } }>(
      `select actor, type, after from audit_log where entity_kind = 'conversation' and entity_id = $1 order by id`,
      [first],
    );
    expect(audit.at(-1)).toMatchObject({ actor: 'system', type: 'routing', after: { assigneeId: 'ben' } });
    // Nothing is left to route: a second pass writes nothing.
    expect(await route(NOW + 1)).toMatchObject({ assigned: 0 });
  });

  it('serves the most urgent conversation first when capacity is short', async () => {
    await configure({ mode: 'round_robin', maxOpen: 1 });
    presence.set('ana', 'online');
    const calm = await inbound('Hello, a quick question about sizes please.', NOW - 10 * MINUTE);
    const angry = await inbound('This is terrible, the worst service ever. I am furious and want a refund now!', NOW);
    expect(await route()).toMatchObject({ assigned: 1 });
    expect((await getConversation(db, angry))?.assigneeId).toBe('ana');
    expect((await getConversation(db, calm))?.assigneeId).toBeNull();
  });

  it('serves a conversation a person marked urgent before an angry one when capacity is short, audited as setPriority', async () => {
    await configure({ mode: 'round_robin', maxOpen: 1 });
    presence.set('ana', 'online');
    const angry = await inbound('This is terrible, the worst service ever. I am furious and want a refund now!', NOW);
    const marked = await inbound('Hello, a quick question about sizes please.', NOW + MINUTE);
    const action = { type: 'setPriority', conversationId: marked, seenAssigneeId: null, priority: 'urgent' } as const;
    await applyAction(db, lead, { id: `priority-${marked}`, action }, NOW + MINUTE);
    expect((await getConversation(db, marked))?.priority).toBe('urgent');
    const audit = await db.query<{ actor: string; type: string; before: unknown; after: unknown }>(
      `select actor, type, before, after from audit_log where entity_kind = 'conversation' and entity_id = $1
       order by id desc limit 1`,
      [marked],
    );
    expect(audit).toEqual([
      { actor: 'lena', type: 'setPriority', before: { priority: null }, after: { priority: 'urgent' } },
    ]);

    expect(await route(NOW + 2 * MINUTE)).toMatchObject({ assigned: 1 });
    const routed = await getConversation(db, marked);
    expect(routed).toMatchObject({ assigneeId: 'ana', priority: 'urgent' });
    expect((await getConversation(db, angry))?.assigneeId).toBeNull();
  });

  it('goes round the reps in turn, skipping those at capacity and those lacking the language', async () => {
    await configure({
      mode: 'round_robin',
      maxOpen: 2,
      reps: [
        { userId: 'ana', maxOpen: null, languages: ['es'], channels: [], productLines: [] },
        { userId: 'cy', maxOpen: null, languages: ['en'], channels: [], productLines: [] },
      ],
    });
    presence.set('ana', 'online').set('ben', 'online').set('cy', 'online');
    const english = [];
    for (let i = 0; i < 3; i++)
      english.push(await inbound(`Where is my order number ${i}? It was not delivered.`, NOW + i));
    await route();
    const assignees = await Promise.all(english.map(async (id) => (await getConversation(db, id))?.assigneeId));
    // ana speaks only Spanish: ben, cy, then ben again.
    expect(assignees).toEqual(['ben', 'cy', 'ben']);
    const third = await getConversation(db, english[2]!);
    expect(third?.assignedReason).toMatchObject({ skipped: [{ userId: 'ana', why: 'missing_language' }] });
    // ben has 2 now (at capacity), cy 1: the fourth goes to cy, a fifth waits in the queue.
    const fourth = await inbound('And where is my other order? It was not delivered either.', NOW + 5);
    await route(NOW + 10);
    expect(await getConversation(db, fourth)).toMatchObject({
      assigneeId: 'cy',
      assignedReason: {
        skipped: [
          { userId: 'ana', why: 'missing_language' },
          { userId: 'ben', why: 'at_capacity' },
        ],
      },
    });
    const fifth = await inbound('Where is the third order? It was not delivered.', NOW + 11);
    expect(await route(NOW + 20)).toMatchObject({ assigned: 0 });
    expect((await getConversation(db, fifth))?.assigneeId).toBeNull();
  });

  it('returns an offline rep’s open conversations to the queue after the delay, and routes them on', async () => {
    await configure({ mode: 'fewest_open', offlineReturnMinutes: 10 });
    presence.set('ana', 'online');
    const id = await inbound('Hi, my parcel is missing.');
    await route(NOW);
    expect((await getConversation(db, id))?.assigneeId).toBe('ana');

    // ana goes offline at NOW + 1 min (the first pass that sees it); 9 minutes later nothing moves.
    presence.delete('ana');
    expect(await route(NOW + MINUTE)).toMatchObject({ returned: 0 });
    expect(await route(NOW + 10 * MINUTE)).toMatchObject({ returned: 0 });
    expect((await getConversation(db, id))?.assigneeId).toBe('ana');

    // Back online in between: the clock starts again when she leaves next.
    presence.set('ana', 'online');
    await route(NOW + 10 * MINUTE + 1);
    presence.delete('ana');
    await route(NOW + 12 * MINUTE);
    expect(await route(NOW + 21 * MINUTE)).toMatchObject({ returned: 0 });

    // Ten minutes offline: returned (reason recorded), and nobody else online keeps it in the queue.
    const returned = await route(NOW + 22 * MINUTE);
    expect(returned).toMatchObject({ returned: 1, assigned: 0 });
    const back = await getConversation(db, id);
    expect(back?.assigneeId).toBeNull();
    expect(back?.assignedReason).toEqual({
      kind: 'returned',
      at: NOW + 22 * MINUTE,
      fromUserId: 'ana',
      offlineMinutes: 10,
    });
    const audit = await db.query<{ type: string; actor: string }>(
      `select type, actor from audit_log where entity_kind = 'conversation' and entity_id = $1 order by id desc limit 1`,
      [id],
    );
    expect(audit).toEqual([{ type: 'routing_return', actor: 'system' }]);

    // A lead gives her another one while she is still offline: it waits the whole delay again.
    const later = await inbound('Hello again, any news on my parcel?', NOW + 22 * MINUTE);
    await applyAction(
      db,
      lead,
      {
        id: `give-ana-${backend.kind}`,
        action: { type: 'assign', conversationId: later, seenAssigneeId: null, assigneeId: 'ana' },
      },
      NOW + 22 * MINUTE,
    );
    expect(await route(NOW + 31 * MINUTE)).toMatchObject({ returned: 0 });
    expect(await route(NOW + 32 * MINUTE)).toMatchObject({ returned: 1 });

    // ben comes online: the next pass gives it to him.
    presence.set('ben', 'online');
    expect(await route(NOW + 33 * MINUTE)).toMatchObject({ assigned: 2 });
    expect((await getConversation(db, id))?.assigneeId).toBe('ben');
    expect((await getConversation(db, later))?.assigneeId).toBe('ben');
  });

  it('drops the routing reason when a person reassigns', async () => {
    await configure({ mode: 'fewest_open' });
    presence.set('cy', 'online');
    const id = await inbound('Hello, is my order on its way?');
    await route();
    const routed = await getConversation(db, id);
    expect(routed?.assignedReason?.kind).toBe('routed');
    await applyAction(
      db,
      lead,
      {
        id: `reassign-${backend.kind}`,
        action: { type: 'assign', conversationId: id, seenAssigneeId: 'cy', assigneeId: 'ana' },
      },
      NOW,
    );
    const moved = await getConversation(db, id);
    expect(moved?.assigneeId).toBe('ana');
    expect(moved?.assignedReason).toBeUndefined();
  });
});
