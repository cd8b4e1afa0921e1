import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/sync/actions';
import type { Conversation, User } from '../../../shared/domain/entities';
import { createTeam } from '../../db/accounts';
import { getConversation, insertConversation, updateConversation } from '../../db/conversations';
import { latestSeq, pullChanges } from '../../db/changes';
import { getCustomer, insertCustomer, upsertOrder } from '../../db/customers';
import { listNotes } from '../../db/notes';
import type { Database } from '../../db/sql';
import { smsCustomer, teamsAB, testBackends, testOrder } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { receiveInbound } from '../inbound';
import { wakeSnoozed } from '../snooze';
import { applyAction } from './apply';
import { createRecentConversations } from './recent-conversations';

const NOW = 1_800_000_000_000;

describe.each(testBackends)('rep actions on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User; // rep, team a
  let carol: User; // rep, team a
  let lena: User; // lead, team a
  let seq = 0;

  const id = () => `action-${String(++seq).padStart(6, '0')}`;

  async function conversation(convId: string, customerId: string, fields: Partial<Conversation> = {}) {
    await db.transaction((tx) => insertCustomer(tx, smsCustomer(customerId, `+1415555${customerId.slice(-4)}`, NOW)));
    await insertConversation(
      db,
      {
        id: convId,
        teamId: 'a',
        customerId,
        channel: 'sms',
        subject: null,
        status: 'open',
        assigneeId: null,
        createdAt: NOW,
        lastMessageAt: NOW,
        lastMessagePreview: 'hello',
        waitingSince: NOW,
        tags: [],
        snoozedUntil: null,
        ...fields,
      },
      NOW,
    );
  }

  /** Change-log rows an action wrote, by kind. */
  async function changesOf(actionId: string): Promise<string[]> {
    const rows = await db.query<{ kind: string }>('select kind from changes where action_id = $1 order by seq', [
      actionId,
    ]);
    return rows.map((row) => row.kind);
  }

  const act = (user: User, action: Action, actionId = id()) =>
    applyAction(db, user, { id: actionId, action }, NOW + seq);

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    const user = await teamsAB(db, NOW);
    alice = await user('alice', 'rep', ['a']);
    carol = await user('carol', 'rep', ['a']);
    lena = await user('lena', 'lead', ['a']);
    await user('bert', 'rep', ['b']);
  });

  afterAll(async () => {
    await handle.dispose();
  });

  it('applies each kind of action once, naming it on its change rows, and answers a repeat with the first result', async () => {
    await conversation('conv-1', 'cust-0001');
    const on = { conversationId: 'conv-1', seenAssigneeId: null };
    const assign = id();
    const first = await act(alice, { type: 'assign', ...on, assigneeId: 'alice' }, assign);
    expect(first.repeated).toBe(false);
    expect(await changesOf(assign)).toEqual(['conversation']);
    const repeat = await act(alice, { type: 'assign', ...on, assigneeId: 'alice' }, assign);
    expect(repeat).toMatchObject({ repeated: true, result: first.result });
    expect(repeat.changes.seq).toBe(0);
    expect(await changesOf(assign)).toEqual(['conversation']);

    const mine = { conversationId: 'conv-1', seenAssigneeId: 'alice' };
    await act(alice, { type: 'tag', ...mine, tag: 'damaged', on: true });
    await act(alice, { type: 'tag', ...mine, tag: 'vip', on: true });
    const note = id();
    const noted = await act(alice, { type: 'note', ...mine, body: 'Called the carrier.' }, note);
    expect(noted.result.note).toMatchObject({ body: 'Called the carrier.', authorId: 'alice', clientId: note });
    expect(await changesOf(note)).toEqual(['note']);
    await act(alice, { type: 'note', ...mine, body: 'Called the carrier.' }, note);
    expect(await listNotes(db, 'conv-1')).toHaveLength(1);

    const reply = id();
    const replied = await act(alice, { type: 'reply', ...mine, body: 'It ships today.' }, reply);
    expect(replied.result.message).toMatchObject({ clientId: reply, direction: 'outbound', status: 'sent' });
    expect(await changesOf(reply)).toEqual(['message', 'conversation']);

    await act(alice, { type: 'status', ...mine, status: 'closed' });
    expect(await getConversation(db, 'conv-1')).toMatchObject({
      assigneeId: 'alice',
      tags: ['damaged', 'vip'],
      status: 'closed',
      waitingSince: null,
      lastMessagePreview: 'It ships today.',
    });

    const until = NOW + 86_400_000;
    await act(alice, { type: 'snooze', ...mine, until });
    expect(await getConversation(db, 'conv-1')).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    // A tag that is already there changes nothing, and still counts as applied.
    const again = id();
    const noop = await act(alice, { type: 'tag', ...mine, tag: 'vip', on: true }, again);
    expect(noop.result.seq).toBe(0);
    expect(await changesOf(again)).toEqual([]);
  });

  it('refuses a rep’s action on a conversation given to someone else meanwhile; a lead’s goes through', async () => {
    await conversation('conv-2', 'cust-0002', { assigneeId: 'alice' });
    const stale = act(carol, { type: 'status', conversationId: 'conv-2', seenAssigneeId: null, status: 'closed' });
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    await expect(stale).rejects.toThrow(/reassigned to alice/);
    // Refused actions leave no trace: the id can be applied later.
    const refusedId = id();
    await expect(
      act(carol, { type: 'tag', conversationId: 'conv-2', seenAssigneeId: null, tag: 'x', on: true }, refusedId),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await changesOf(refusedId)).toEqual([]);
    // What the rep saw is what it is now: fine.
    await act(carol, { type: 'note', conversationId: 'conv-2', seenAssigneeId: 'alice', body: 'FYI' });
    await act(lena, { type: 'assign', conversationId: 'conv-2', seenAssigneeId: null, assigneeId: 'carol' });
    expect(await getConversation(db, 'conv-2')).toMatchObject({ assigneeId: 'carol' });
  });

  it("a lead's bulk assignment moves each conversation with all its fields kept, and refuses only the part it cannot apply", async () => {
    await conversation('conv-bulk-1', 'cust-0101', { assigneeId: 'alice', tags: ['vip'], priority: 'high' });
    await conversation('conv-bulk-2', 'cust-0102', { assigneeId: 'alice', status: 'pending', waitingSince: null });
    const before = await Promise.all(['conv-bulk-1', 'conv-bulk-2'].map((c) => getConversation(db, c)));
    const actionId = id();
    const outcome = await act(
      lena,
      {
        type: 'assignMany',
        items: [
          { conversationId: 'conv-bulk-2', seenAssigneeId: 'alice' },
          { conversationId: 'conv-nowhere', seenAssigneeId: null },
          { conversationId: 'conv-bulk-1', seenAssigneeId: 'alice' },
        ],
        assigneeId: 'carol',
      },
      actionId,
    );
    expect(outcome.result.results?.map((r) => [r.conversationId, r.ok])).toEqual([
      ['conv-bulk-2', true],
      ['conv-nowhere', false],
      ['conv-bulk-1', true],
    ]);
    const after = await Promise.all(['conv-bulk-1', 'conv-bulk-2'].map((c) => getConversation(db, c)));
    expect(after).toEqual(before.map((c) => ({ ...c, assigneeId: 'carol' })));
    expect(await changesOf(actionId)).toEqual(['conversation', 'conversation']);
    // What travels is what is stored.
    const pulled = (await pullChanges(db, ['a'], 0, 10_000)).changes.filter(
      (c) => c.kind === 'conversation' && c.data.id.startsWith('conv-bulk-'),
    );
    expect(pulled.slice(-2).map((c) => c.data)).toEqual(expect.arrayContaining(after));
  });

  it('enforces who may assign what on the server, whatever view the engine claims', async () => {
    // actor, assigned to, assign to → refusal code or null (the rules in shared/sync/actions/assign.ts)
    const matrix: [User, string | null, string | null, string | null][] = [
      [alice, null, 'alice', null],
      [alice, null, 'carol', null],
      [alice, 'alice', 'carol', null],
      [alice, 'alice', null, null],
      [alice, 'carol', 'alice', 'forbidden'],
      [alice, 'carol', null, 'forbidden'],
      [alice, null, 'bert', 'invalid_input'],
      [lena, 'carol', 'alice', null],
      [lena, 'alice', null, null],
      [lena, null, 'bert', 'invalid_input'],
    ];
    let n = 0;
    for (const [actor, holder, target, refused] of matrix) {
      const convId = `conv-matrix-${++n}`;
      await conversation(convId, `cust-m${String(n).padStart(3, '0')}`, { assigneeId: holder });
      // The engine says it saw what is there now: only the role rule can refuse.
      const code = await act(actor, {
        type: 'assign',
        conversationId: convId,
        seenAssigneeId: holder,
        assigneeId: target,
      }).then(
        () => null,
        (error: { code?: string }) => error.code ?? 'thrown',
      );
      expect(code, `${actor.id}: ${holder} → ${target}`).toBe(refused);
      expect((await getConversation(db, convId))?.assigneeId).toBe(refused === null ? target : holder);
    }
  });

  it('refuses bad actions clearly: other teams, non-members, past snoozes, reused ids', async () => {
    await conversation('conv-3', 'cust-0003');
    const on = { conversationId: 'conv-3', seenAssigneeId: null };
    await expect(act(alice, { type: 'assign', ...on, assigneeId: 'bert' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(act(alice, { type: 'snooze', ...on, until: NOW - 1 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      act(alice, { type: 'note', conversationId: 'missing', seenAssigneeId: null, body: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const used = id();
    await act(alice, { type: 'note', ...on, body: 'mine' }, used);
    await expect(act(carol, { type: 'note', ...on, body: 'theirs' }, used)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('links a conversation’s customer into another: identities, conversations and orders move', async () => {
    await conversation('conv-4', 'cust-0004');
    await conversation('conv-5', 'cust-0005');
    const link = id();
    await act(alice, { type: 'link', conversationId: 'conv-5', seenAssigneeId: null, customerId: 'cust-0004' }, link);
    expect(await getCustomer(db, 'cust-0005')).toBeNull();
    const joined = await getCustomer(db, 'cust-0004');
    expect(joined?.identities.map((i) => i.id).sort()).toEqual(['cust-0004-sms', 'cust-0005-sms']);
    expect(await getConversation(db, 'conv-5')).toMatchObject({ customerId: 'cust-0004' });
    expect(await changesOf(link)).toEqual(['customer', 'conversation', 'delete']);
    await expect(
      act(alice, { type: 'link', conversationId: 'conv-4', seenAssigneeId: null, customerId: 'nobody' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('links to a customer only the records hold, and the team then gets their purchase history', async () => {
    await db.transaction((tx) =>
      insertCustomer(tx, { id: 'crm-only', name: 'Rae Crm', email: 'rae@example.com', createdAt: NOW, identities: [] }),
    );
    await upsertOrder(db, testOrder({ id: 'crm-order', customerId: 'crm-only', number: '#7001' }, NOW), NOW);
    await conversation('conv-crm', 'cust-0031');
    const link = id();
    await act(alice, { type: 'link', conversationId: 'conv-crm', seenAssigneeId: null, customerId: 'crm-only' }, link);
    expect(await getConversation(db, 'conv-crm')).toMatchObject({ customerId: 'crm-only' });
    // The team had never seen the customer: it gets them and their orders with the moved conversation.
    expect(await changesOf(link)).toEqual(['customer', 'order', 'conversation', 'delete']);
  });

  it('rejects a suggested customer: kept as rejected, refused for a customer never suggested', async () => {
    const suggestion = {
      customerId: 'cust-0033',
      customerName: 'Someone',
      confidence: 0.7,
      evidence: [{ kind: 'order' as const, value: '#1', messageId: 'm-1' }],
      state: 'open' as const,
      suggestedAt: NOW,
    };
    await conversation('conv-32', 'cust-0032', { linkSuggestions: [suggestion] });
    const on = { conversationId: 'conv-32', seenAssigneeId: null };
    const reject = id();
    await act(alice, { type: 'rejectLink', ...on, customerId: 'cust-0033' }, reject);
    expect((await getConversation(db, 'conv-32'))?.linkSuggestions).toEqual([{ ...suggestion, state: 'rejected' }]);
    expect(await changesOf(reject)).toEqual(['conversation']);
    await expect(act(alice, { type: 'rejectLink', ...on, customerId: 'cust-0099' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a link deletes the merged-away customer from the engines of every team that held it, and of no other', async () => {
    await createTeam(db, { id: 'c', name: 'Team C' }, NOW);
    await conversation('conv-81', 'cust-0081');
    await conversation('conv-91', 'cust-0091');
    // The merged-away customer also wrote to team b, so team b's engines hold it too.
    const written = await getConversation(db, 'conv-81');
    if (!written) throw new Error('conv-81 was not written');
    await insertConversation(db, { ...written, id: 'conv-81b', teamId: 'b' }, NOW);
    const cursor = await latestSeq(db);
    const link = id();
    await act(lena, { type: 'link', conversationId: 'conv-81', seenAssigneeId: null, customerId: 'cust-0091' }, link);

    const deletion = { kind: 'delete', data: { entity: 'customer', id: 'cust-0081' }, actionId: link };
    for (const team of ['a', 'b']) {
      const page = await pullChanges(db, [team], cursor, 100);
      expect(page.changes.filter((c) => c.kind === 'delete')).toEqual([expect.objectContaining(deletion)]);
      // The customer's last version in the page is its deletion: nothing after it brings it back.
      const last = page.changes.filter((c) => c.data.id === 'cust-0081').at(-1);
      expect(last).toMatchObject({ kind: 'delete' });
    }
    expect((await pullChanges(db, ['c'], cursor, 100)).changes).toEqual([]);
    const rows = await db.query<{ team_id: string; entity_id: string }>(
      `select team_id, entity_id from changes where action_id = $1 and kind = 'delete' order by team_id`,
      [link],
    );
    expect(rows).toEqual([
      { team_id: 'a', entity_id: 'cust-0081' },
      { team_id: 'b', entity_id: 'cust-0081' },
    ]);
    // One audit row names the deleted customer by kind and id, with what was audited of it and no name.
    const audit = await db.query<{
      entity_kind: string;
      entity_id: string;
      type: string;
      before: unknown;
      after: unknown;
      team_ids: string[];
    }>(
      `select entity_kind, entity_id, type, before, after, team_ids from audit_log
       where action_id = $1 and entity_id = 'cust-0081'`,
      [link],
    );
    expect(audit).toEqual([
      {
        entity_kind: 'customer',
        entity_id: 'cust-0081',
        type: 'link',
        before: { identityIds: ['cust-0081-sms'] },
        after: { deleted: true },
        team_ids: ['a', 'b'],
      },
    ]);
  });

  it('reopens a resolved conversation on a new inbound message, and wakes snoozed ones when due', async () => {
    await conversation('conv-6', 'cust-0006', { status: 'closed', waitingSince: null });
    const inbound = await receiveInbound(
      db,
      { channel: 'sms', from: '+14155550006', body: 'Still broken' },
      NOW + 10,
      'a',
    );
    expect(inbound.conversationId).toBe('conv-6');
    expect(await getConversation(db, 'conv-6')).toMatchObject({ status: 'open', waitingSince: NOW + 10 });

    await conversation('conv-7', 'cust-0007', { status: 'snoozed', snoozedUntil: NOW + 100 });
    expect((await wakeSnoozed(db, NOW + 99)).seq).toBe(0);
    const woke = await wakeSnoozed(db, NOW + 100);
    expect(woke.seq).toBeGreaterThan(0);
    expect(await getConversation(db, 'conv-7')).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('decides on what the database holds, not on a remembered copy that went stale', async () => {
    await conversation('conv-9', 'cust-0009', { assigneeId: 'alice' });
    const recent = createRecentConversations();
    const on = { conversationId: 'conv-9', seenAssigneeId: 'alice' };
    const actRemembering = (user: User, action: Action, actionId = id()) =>
      applyAction(db, user, { id: actionId, action }, NOW + seq, recent);
    await actRemembering(alice, { type: 'tag', ...on, tag: 'late', on: true });
    const remembered = recent.get('conv-9');
    expect(remembered).toMatchObject({ tags: ['late'] });
    if (!remembered) throw new Error('nothing remembered');

    // Someone else tags it behind this copy's back: the next tag keeps theirs.
    await db.transaction((tx) => updateConversation(tx, { ...remembered, tags: ['late', 'vip'] }));
    await actRemembering(alice, { type: 'tag', ...on, tag: 'refund', on: true });
    expect(await getConversation(db, 'conv-9')).toMatchObject({ tags: ['late', 'refund', 'vip'] });

    // The copy says carol has it, the database says alice still does: alice is not refused.
    const current = await getConversation(db, 'conv-9');
    if (!current) throw new Error('conv-9 is gone');
    recent.set({ ...current, assigneeId: 'carol' });
    await actRemembering(alice, { type: 'status', ...on, status: 'closed' });
    expect(await getConversation(db, 'conv-9')).toMatchObject({ status: 'closed', assigneeId: 'alice' });

    // The copy says alice, the database says carol: refused, naming carol.
    const closed = await getConversation(db, 'conv-9');
    if (!closed) throw new Error('conv-9 is gone');
    await db.transaction((tx) => updateConversation(tx, { ...closed, assigneeId: 'carol' }));
    recent.set(closed);
    await expect(actRemembering(alice, { type: 'status', ...on, status: 'open' })).rejects.toThrow(
      /reassigned to carol/,
    );

    // A repeat answers its first result, remembered copy or not.
    const note = id();
    const first = await actRemembering(carol, { type: 'note', ...on, seenAssigneeId: 'carol', body: 'ok' }, note);
    const again = await actRemembering(carol, { type: 'note', ...on, seenAssigneeId: 'carol', body: 'ok' }, note);
    expect(again).toMatchObject({ repeated: true, result: first.result });
    expect(await changesOf(note)).toEqual(['note']);
  });

  // Concurrent: PGlite runs one transaction at a time, so only PostgreSQL can race.
  it.skipIf(backend.kind !== 'postgres')('applies one action id once when it races itself', async () => {
    await conversation('conv-8', 'cust-0008');
    const raced = id();
    const action: Action = { type: 'note', conversationId: 'conv-8', seenAssigneeId: null, body: 'race' };
    const outcomes = await Promise.all([0, 1, 2, 3].map(() => act(alice, action, raced)));
    expect(outcomes.filter((o) => !o.repeated)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.result.note?.id)).size).toBe(1);
    expect(await listNotes(db, 'conv-8')).toHaveLength(1);
    expect(await changesOf(raced)).toEqual(['note']);
  });

  // Concurrent, as above: only PostgreSQL runs these transactions at the same time.
  it.skipIf(backend.kind !== 'postgres')('applies every one of many actions racing on one conversation', async () => {
    await conversation('conv-10', 'cust-0010');
    const recent = createRecentConversations();
    const tags = ['a', 'b', 'c', 'd', 'e', 'f'];
    await Promise.all(
      tags.map((tag) =>
        applyAction(
          db,
          alice,
          { id: id(), action: { type: 'tag', conversationId: 'conv-10', seenAssigneeId: null, tag, on: true } },
          NOW,
          recent,
        ),
      ),
    );
    expect(await getConversation(db, 'conv-10')).toMatchObject({ tags });
    const rows = await db.query<{ n: string | number }>(
      "select count(*) as n from changes where kind = 'conversation' and entity_id = 'conv-10' and action_id is not null",
    );
    expect(Number(rows[0]?.n)).toBe(tags.length);
  });
});
