import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, User } from '../../shared/domain/entities';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import type { AuditEntry } from '../../shared/sync/audit';
import type { Action } from '../../shared/sync/actions';
import { hashPassword } from '../auth/password';
import { applyAction } from '../services/actions/apply';
import { receiveInbound } from '../services/inbound';
import { createTeam, createUser } from './accounts';
import { readForAction, writeActionIfUnchanged } from './action-write';
import { auditedKinds, listAudit } from './audit';
import { appendChanges } from './changes';
import { getConversation, insertConversation, updateConversation } from './conversations';
import { insertCustomer } from './customers';
import type { Database } from './sql';
import { openSmsConversation, testBackends } from './testing';
import type { TestDatabase } from './testing';

const NOW = 1_750_000_000_000;
const CUSTOMER_NAME = 'Zebediah Quartermaine';
const PHONE = '+14155550177';
const REPLY = 'Your parcel left Reno on Tuesday with UPS.';
const INBOUND = 'Thanks, my daughter Philippa will sign for it.';

describe('auditedKinds', () => {
  it('names the kind of each change, and of what each delete removes', () => {
    const kinds = auditedKinds([
      { change: { kind: 'message', data: { id: 'm1' } } },
      { change: { kind: 'delete', data: { entity: 'order', id: 'o1' } } },
      { change: { kind: 'revoke', data: { id: 'conv-1' } } },
      { change: { kind: 'message', data: { id: 'm2' } } },
    ] as never);
    expect([...kinds].sort()).toEqual(['message', 'order', 'revoke']);
  });
});

describe.each(testBackends)('audit log on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let lead: User; // team a
  let alice: User; // rep, team a
  let bob: User; // rep, team b

  const user = async (id: string, role: User['role'], teamIds: string[]) =>
    createUser(
      db,
      { id, name: `Person ${id}`, email: `${id}@example.com`, role, teamIds, password: await hashPassword('pw') },
      NOW,
    );

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    lead = await user('lena', 'lead', ['a']);
    alice = await user('alice', 'rep', ['a']);
    bob = await user('bob', 'rep', ['b']);
    const customer: Customer = {
      id: 'c1',
      name: CUSTOMER_NAME,
      email: 'zeb@example.com',
      createdAt: NOW,
      identities: [{ id: 'c1-sms', customerId: 'c1', channel: 'sms', value: PHONE, display: '(415) 555-0177' }],
    };
    await db.transaction((tx) => insertCustomer(tx, customer));
    await insertConversation(db, openSmsConversation({ id: 'conv-a', teamId: 'a', customerId: 'c1' }, NOW), NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  /** The audit rows written after row `mark`, oldest first, without their ids. */
  async function auditAfter(mark: number): Promise<Omit<AuditEntry, 'id'>[]> {
    const page = await listAudit(db, { limit: 200 }, { all: true });
    return page.entries
      .filter((entry) => entry.id > mark)
      .reverse()
      .map(({ id: _id, ...rest }) => rest);
  }

  /** A rep action as `user` made it at `at`. */
  const act = (user: User, id: string, action: Action, at: number) => applyAction(db, user, { id, action }, at);

  async function mark(): Promise<number> {
    const rows = await db.query<{ id: unknown }>('select coalesce(max(id), 0) as id from audit_log');
    return Number(rows[0]?.id);
  }

  it('records a conversation created by the server, with its customer, as ids and values only', async () => {
    const rows = await auditAfter(0);
    expect(rows.filter((row) => row.entity.kind !== 'team' && row.entity.kind !== 'user')).toEqual([
      {
        at: NOW,
        actor: SYSTEM_ACTOR,
        type: 'conversation_created',
        entity: { kind: 'customer', id: 'c1' },
        before: null,
        // The customer's email address is one of its identities.
        after: { identityIds: ['c1-sms', 'email-c1'] },
        actionId: null,
      },
      {
        at: NOW,
        actor: SYSTEM_ACTOR,
        type: 'conversation_created',
        entity: { kind: 'conversation', id: 'conv-a' },
        before: null,
        after: {
          teamId: 'a',
          customerId: 'c1',
          channel: 'sms',
          status: 'open',
          assigneeId: null,
          tags: [],
          snoozedUntil: null,
          waitingSince: NOW,
          // Automatic until a person sets one (setPriority).
          priority: null,
        },
        actionId: null,
      },
    ]);
  });

  it('records an assignment: who, what, which conversation, the assignee before and after, the action id', async () => {
    const from = await mark();
    await act(
      lead,
      'act-assign',
      { type: 'assign', conversationId: 'conv-a', seenAssigneeId: null, assigneeId: 'alice' },
      NOW + 1,
    );
    expect(await auditAfter(from)).toEqual([
      {
        at: NOW + 1,
        actor: 'lena',
        type: 'assign',
        entity: { kind: 'conversation', id: 'conv-a' },
        before: { assigneeId: null },
        after: { assigneeId: 'alice' },
        actionId: 'act-assign',
      },
    ]);
  });

  it('records a tag with the tags before and after', async () => {
    const from = await mark();
    await act(
      alice,
      'act-tag',
      { type: 'tag', conversationId: 'conv-a', seenAssigneeId: 'alice', tag: 'vip', on: true },
      NOW + 2,
    );
    expect(await auditAfter(from)).toEqual([
      {
        at: NOW + 2,
        actor: 'alice',
        type: 'tag',
        entity: { kind: 'conversation', id: 'conv-a' },
        before: { tags: [] },
        after: { tags: ['vip'] },
        actionId: 'act-tag',
      },
    ]);
  });

  it('records a reply as its message (ids, direction, status — no body) and what it changed on the conversation', async () => {
    const from = await mark();
    const outcome = await applyAction(
      db,
      alice,
      { id: 'act-reply', action: { type: 'reply', conversationId: 'conv-a', seenAssigneeId: 'alice', body: REPLY } },
      NOW + 3,
    );
    const messageId = outcome.result.message?.id ?? 'no message';
    const common = { at: NOW + 3, actor: 'alice', type: 'reply', actionId: 'act-reply' };
    expect(await auditAfter(from)).toEqual([
      {
        ...common,
        entity: { kind: 'message', id: messageId },
        before: null,
        after: { conversationId: 'conv-a', channel: 'sms', direction: 'outbound', authorId: 'alice', status: 'sent' },
      },
      {
        ...common,
        entity: { kind: 'conversation', id: 'conv-a' },
        before: { waitingSince: NOW },
        after: { waitingSince: null },
      },
    ]);
  });

  it('records an inbound message as the provider’s, with the conversation now waiting', async () => {
    const from = await mark();
    const received = await receiveInbound(db, { channel: 'sms', from: '415-555-0177', body: INBOUND }, NOW + 4);
    const common = { at: NOW + 4, actor: 'provider:sms', type: 'inbound', actionId: null };
    // Inbound appends the conversation first, then its message.
    expect(await auditAfter(from)).toEqual([
      {
        ...common,
        entity: { kind: 'conversation', id: 'conv-a' },
        before: { waitingSince: null },
        after: { waitingSince: NOW + 4 },
      },
      {
        ...common,
        entity: { kind: 'message', id: received.message.id },
        before: null,
        after: { conversationId: 'conv-a', channel: 'sms', direction: 'inbound', authorId: null, status: 'received' },
      },
    ]);
  });

  it('records nothing for a refused action', async () => {
    const from = await mark();
    // bob is not in team a: the conversation is not his to tag.
    await expect(
      act(
        bob,
        'act-refused',
        { type: 'tag', conversationId: 'conv-a', seenAssigneeId: null, tag: 'x', on: true },
        NOW + 5,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await mark()).toBe(from);
    // A rep's action on a conversation given to someone else meanwhile is refused (the conflict rule).
    await act(
      lead,
      'act-give',
      { type: 'assign', conversationId: 'conv-a', seenAssigneeId: 'alice', assigneeId: 'lena' },
      NOW + 6,
    );
    const beforeConflict = await mark();
    await expect(
      act(
        alice,
        'act-late',
        { type: 'tag', conversationId: 'conv-a', seenAssigneeId: 'alice', tag: 'late', on: true },
        NOW + 7,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await mark()).toBe(beforeConflict);
    expect(await db.query(`select 1 from audit_log where action_id in ('act-refused', 'act-late')`)).toEqual([]);
  });

  it('records nothing when the transaction that wrote the change rolls back', async () => {
    const from = await mark();
    const seqBefore = await db.query('select max(seq) as seq from changes');
    await expect(
      db.transaction(async (tx) => {
        const conversation = await getConversation(tx, 'conv-a', { forUpdate: true });
        if (!conversation) throw new Error('conv-a is missing');
        await appendChanges(tx, await updateConversation(tx, { ...conversation, status: 'pending' }), NOW + 8, {
          actor: SYSTEM_ACTOR,
          type: 'operator_edit',
        });
        expect(await tx.query('select 1 from audit_log where id > $1', [from])).toHaveLength(1);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await mark()).toBe(from);
    expect(await db.query('select max(seq) as seq from changes')).toEqual(seqBefore);
  });

  it('records nothing when the one-statement write finds the conversation changed', async () => {
    const from = await mark();
    const read = await readForAction(db, 'conv-a', 'act-stale');
    if (!read.conversation) throw new Error('conv-a is missing');
    const stale = { ...read.conversation, status: 'snoozed' as const };
    const written = await writeActionIfUnchanged(db, {
      seen: stale,
      next: { ...stale, tags: ['stale'] },
      message: null,
      note: null,
      changes: [{ teamId: 'a', change: { kind: 'conversation', data: { ...stale, tags: ['stale'] } } }],
      action: { id: 'act-stale', userId: 'lena', type: 'tag', result: { message: null, note: null } },
      now: NOW + 9,
    });
    expect(written).toBeNull();
    expect(await mark()).toBe(from);
  });

  it('records a delete as a row of what it removed: what was audited of it before, deleted after', async () => {
    const gone: Customer = {
      id: 'c9',
      name: 'Ottoline Vanderbeck',
      email: null,
      createdAt: NOW,
      identities: [{ id: 'c9-sms', customerId: 'c9', channel: 'sms', value: '+14155550199', display: '555-0199' }],
    };
    await createTeam(db, { id: 'c', name: 'Team C' }, NOW);
    await db.transaction((tx) => insertCustomer(tx, gone));
    await insertConversation(db, openSmsConversation({ id: 'conv-b9', teamId: 'c', customerId: 'c9' }, NOW), NOW);
    const from = await mark();
    await db.transaction((tx) =>
      appendChanges(
        tx,
        [
          { teamId: 'c', change: { kind: 'delete', data: { entity: 'identity', id: 'c9-sms' } } },
          { teamId: 'c', change: { kind: 'delete', data: { entity: 'customer', id: 'c9' } } },
        ],
        NOW + 20,
        { actor: SYSTEM_ACTOR, type: 'operator_edit' },
      ),
    );
    const deleted = {
      at: NOW + 20,
      actor: SYSTEM_ACTOR,
      type: 'operator_edit',
      after: { deleted: true },
      actionId: null,
    };
    expect(await auditAfter(from)).toEqual([
      // An identity has no version of its own in the log: it is named by its deletion only.
      { ...deleted, entity: { kind: 'identity', id: 'c9-sms' }, before: null },
      { ...deleted, entity: { kind: 'customer', id: 'c9' }, before: { identityIds: ['c9-sms'] } },
    ]);
    expect(
      (await listAudit(db, { entity: { kind: 'identity', id: 'c9-sms' }, limit: 5 }, { all: true })).entries,
    ).toHaveLength(1);
    // A lead of teams a and b does not see team c's deletions.
    const leadView = await listAudit(
      db,
      { entity: { kind: 'customer', id: 'c9' }, limit: 5 },
      { all: false, teamIds: ['a', 'b'] },
    );
    expect(leadView.entries).toEqual([]);
  });

  it('holds no message body, customer name, phone number or email anywhere', async () => {
    const rows = await db.query<{ text: string }>('select audit_log::text as text from audit_log');
    expect(rows.length).toBeGreaterThan(5);
    for (const secret of [
      REPLY,
      INBOUND,
      'Philippa',
      CUSTOMER_NAME,
      'Quartermaine',
      PHONE,
      '555-0177',
      'zeb@example.com',
      'Vanderbeck',
      '555-0199',
    ]) {
      expect(rows.filter((row) => row.text.includes(secret))).toEqual([]);
    }
  });

  it('refuses to be changed or emptied', async () => {
    await expect(db.query(`update audit_log set actor = 'nobody'`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    expect(await db.query(`select 1 from audit_log where actor = 'nobody'`)).toEqual([]);
  });

  it('lists newest first, in pages, filtered by entity, actor, type and time, and a lead sees their teams only', async () => {
    const all = await listAudit(db, { limit: 200 }, { all: true });
    const ids = all.entries.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));

    const first = await listAudit(db, { limit: 2 }, { all: true });
    const second = await listAudit(db, { limit: 2, before: first.next ?? 0 }, { all: true });
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(ids.slice(0, 4));
    const last = await listAudit(db, { limit: 200, before: ids[ids.length - 3] }, { all: true });
    expect(last).toEqual({ entries: all.entries.slice(-2), next: null });

    const conversation = await listAudit(
      db,
      { entity: { kind: 'conversation', id: 'conv-a' }, limit: 200 },
      { all: true },
    );
    expect(conversation.entries.map((entry) => [entry.type, entry.actor])).toEqual([
      ['assign', 'lena'],
      ['inbound', 'provider:sms'],
      ['reply', 'alice'],
      ['tag', 'alice'],
      ['assign', 'lena'],
      ['conversation_created', SYSTEM_ACTOR],
    ]);

    const byAlice = await listAudit(db, { actor: 'alice', type: 'tag', limit: 200 }, { all: true });
    expect(byAlice.entries.map((entry) => entry.actionId)).toEqual(['act-tag']);

    const window = await listAudit(db, { from: NOW + 3, to: NOW + 4, limit: 200 }, { all: true });
    expect(window.entries.map((entry) => [entry.at, entry.entity.kind])).toEqual([
      [NOW + 4, 'message'],
      [NOW + 4, 'conversation'],
      [NOW + 3, 'conversation'],
      [NOW + 3, 'message'],
    ]);

    // A lead of team b sees the team-less rows (teams, users) but none of team a's.
    const teamB = await listAudit(db, { limit: 200 }, { all: false, teamIds: ['b'] });
    expect(new Set(teamB.entries.map((entry) => entry.entity.kind))).toEqual(new Set(['team', 'user']));
    const teamA = await listAudit(
      db,
      { entity: { kind: 'conversation', id: 'conv-a' }, limit: 200 },
      { all: false, teamIds: ['a'] },
    );
    expect(teamA.entries).toEqual(conversation.entries);
  });
});
