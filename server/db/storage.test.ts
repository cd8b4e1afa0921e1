import { changeEntityKey } from '../../shared/sync/protocol';
import type { Change } from '../../shared/sync/protocol';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { hashPassword } from '../auth/password';
import { receiveInbound } from '../services/inbound';
import { authenticate, signIn } from '../services/auth';
import { countUsers, createTeam, createUser, findUserByEmail, getUser } from './accounts';
import { appendChanges, latestSeq, pullChanges } from './changes';
import { getConversation, insertConversation, updateConversation } from './conversations';
import { getCustomer, insertCustomer, upsertOrder } from './customers';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations/index';
import { listMessages } from './messages';
import { createSession, findSession } from './sessions';
import type { Database } from './sql';
import { openSmsConversation, sendReply, testBackends } from './testing';
import { applyAction } from '../services/actions/apply';
import type { TestDatabase } from './testing';

const NOW = 1_750_000_000_000;
/** A change made to the records directly, as an operator would. */
const OPERATOR = { actor: SYSTEM_ACTOR, type: 'operator_edit' } as const;

function customer(id: string, phone: string): Customer {
  return {
    id,
    name: `Customer ${id}`,
    email: null,
    createdAt: NOW,
    identities: [{ id: `${id}-sms`, customerId: id, channel: 'sms', value: phone, display: phone }],
  };
}

function order(id: string, customerId: string, number: string): Order {
  return {
    id,
    customerId,
    number,
    placedAt: NOW - 1000,
    status: 'paid',
    currency: 'USD',
    subtotalCents: 1000,
    shippingCents: 0,
    taxCents: 0,
    totalCents: 1000,
    lineItems: [{ sku: 'NW-1', title: 'Trail Sock', quantity: 1, unitPriceCents: 1000 }],
    payments: [],
    shipments: [],
    returns: [],
    refunds: [],
  };
}

describe.each(testBackends)('storage on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User; // team a
  let bob: User; // team b

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    alice = await createUser(
      db,
      {
        id: 'alice',
        name: 'Alice',
        email: 'Alice@Example.com',
        role: 'rep',
        teamIds: ['a'],
        password: await hashPassword('pw-alice'),
      },
      NOW,
    );
    bob = await createUser(
      db,
      {
        id: 'bob',
        name: 'Bob',
        email: 'bob@example.com',
        role: 'lead',
        teamIds: ['b'],
        password: await hashPassword('pw-bob'),
      },
      NOW,
    );
    await db.transaction(async (tx) => {
      await insertCustomer(tx, customer('c1', '+14155550101'));
      await insertCustomer(tx, customer('c2', '+14155550102'));
    });
    await upsertOrder(db, order('o1', 'c1', '#1001'), NOW);
    await insertConversation(db, openSmsConversation({ id: 'conv-a', teamId: 'a', customerId: 'c1' }, NOW), NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it('migrates once and records the version', async () => {
    expect(await schemaVersion(db)).toBe(migrations[migrations.length - 1]?.version);
    expect(await migrate(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'changes',
        'conversations',
        'customers',
        'identities',
        'messages',
        'orders',
        'schema_migrations',
        'sessions',
        'team_members',
        'teams',
        'users',
      ]),
    );
  });

  it('applies a later migration over existing rows and rolls a failing one back whole', async () => {
    const next = (migrations[migrations.length - 1]?.version ?? 0) + 1;
    const failing = {
      version: next,
      name: 'broken',
      sql: `alter table teams add column colour text;\nselect * from no_such_table;`,
    };
    await expect(migrate(db, [...migrations, failing])).rejects.toThrow();
    expect(await schemaVersion(db)).toBe(next - 1);
    const columns = await db.query(
      `select 1 from information_schema.columns where table_name = 'teams' and column_name = 'colour'`,
    );
    expect(columns).toEqual([]);

    const good = {
      version: next,
      name: 'team_colour',
      sql: `alter table teams add column colour text not null default 'blue'`,
    };
    expect(await migrate(db, [...migrations, good])).toEqual([next]);
    expect(await db.query<{ colour: string }>(`select colour from teams where id = 'a'`)).toEqual([{ colour: 'blue' }]);
    await db.query('alter table teams drop column colour');
    await db.query('delete from schema_migrations where version = $1', [next]);
  });

  it('rolls a failing transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into teams (id, name, created_at) values ('tmp', 'Tmp', 0)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`select 1 from teams where id = 'tmp'`)).toEqual([]);
  });

  it('stores accounts with scrypt hashes and signs in case-insensitively', async () => {
    expect(await countUsers(db)).toBe(2);
    expect(await getUser(db, 'alice')).toEqual({
      id: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      role: 'rep',
      teamIds: ['a'],
      active: true,
    });
    const stored = await findUserByEmail(db, 'ALICE@example.com');
    expect(stored?.password.hash).not.toContain('pw-alice');
    const session = await signIn(db, { email: ' alice@EXAMPLE.com', password: 'pw-alice' }, NOW, 60_000);
    expect(session.user.id).toBe('alice');
    expect(session.expiresAt).toBe(NOW + 60_000);
    await expect(signIn(db, { email: 'alice@example.com', password: 'nope' }, NOW, 60_000)).rejects.toMatchObject({
      code: 'bad_credentials',
    });
    await expect(signIn(db, { email: 'nobody@example.com', password: 'nope' }, NOW, 60_000)).rejects.toMatchObject({
      code: 'bad_credentials',
    });
  });

  it('stores only a hash of session tokens and expires them', async () => {
    const session = await createSession(db, 'bob', NOW, 1000);
    const rows = await db.query<{ token_hash: string }>('select token_hash from sessions where user_id = $1', ['bob']);
    expect(rows.map((r) => r.token_hash)).not.toContain(session.token);
    expect(await findSession(db, session.token, NOW + 999)).toMatchObject({ status: 'valid', userId: 'bob' });
    expect(await findSession(db, session.token, NOW + 1000)).toMatchObject({ status: 'expired' });
    expect(await findSession(db, 'not-a-token', NOW)).toEqual({ status: 'unknown' });
    await expect(authenticate(db, session.token, NOW + 5000)).rejects.toMatchObject({ code: 'session_expired' });
    await expect(authenticate(db, 'nope', NOW)).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await authenticate(db, session.token, NOW)).user.id).toBe('bob');
  });

  it('drops sessions that expired long ago on sign-in, keeping live and recently expired ones', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const longExpired = await createSession(db, 'bob', NOW - 100 * DAY, DAY);
    const recentlyExpired = await createSession(db, 'bob', NOW - 2 * DAY, DAY);
    const live = await createSession(db, 'bob', NOW, DAY);
    await signIn(db, { email: 'bob@example.com', password: 'pw-bob' }, NOW, DAY);
    expect(await findSession(db, longExpired.token, NOW)).toEqual({ status: 'unknown' });
    expect(await findSession(db, recentlyExpired.token, NOW)).toMatchObject({ status: 'expired' });
    expect(await findSession(db, live.token, NOW)).toMatchObject({ status: 'valid', userId: 'bob' });
  });

  it('stores a reply once per clientId and updates the conversation', async () => {
    const before = await latestSeq(db);
    const first = await sendReply(
      db,
      alice,
      { clientId: 'client-0001', conversationId: 'conv-a', body: 'On its way!' },
      NOW + 10,
    );
    expect(first.message).toMatchObject({
      direction: 'outbound',
      status: 'sent',
      authorId: 'alice',
      clientId: 'client-0001',
    });
    expect(first.changes.teamIds).toEqual(['a']);
    expect(first.repeated).toBe(false);
    const afterFirst = await latestSeq(db);
    expect(afterFirst).toBeGreaterThan(before);

    const second = await sendReply(
      db,
      alice,
      { clientId: 'client-0001', conversationId: 'conv-a', body: 'On its way!' },
      NOW + 20,
    );
    expect(second.message).toEqual(first.message);
    expect(second.changes.seq).toBe(0);
    expect(second.repeated).toBe(true);
    expect(await latestSeq(db)).toBe(afterFirst);
    expect((await listMessages(db, 'conv-a')).filter((m) => m.clientId === 'client-0001')).toHaveLength(1);

    const conversation = await getConversation(db, 'conv-a');
    expect(conversation).toMatchObject({
      lastMessageAt: NOW + 10,
      lastMessagePreview: 'On its way!',
      waitingSince: null,
    });
  });

  it('stores one message when the same reply races itself', async () => {
    const request = { clientId: 'client-race-01', conversationId: 'conv-a', body: 'Racing' };
    const [x, y] = await Promise.all([
      sendReply(db, alice, request, NOW + 30),
      sendReply(db, alice, request, NOW + 31),
    ]);
    expect(x.message).toEqual(y.message);
    expect([x.changes.seq, y.changes.seq].filter((seq) => seq > 0)).toHaveLength(1);
    expect([x.repeated, y.repeated].sort()).toEqual([false, true]);
    expect((await listMessages(db, 'conv-a')).filter((m) => m.clientId === request.clientId)).toHaveLength(1);
  });

  it('stores replies and inbound messages with an emoji where the preview is cut', async () => {
    const body = `${'a'.repeat(138)}😀 thanks for waiting`;
    const reply = await sendReply(db, alice, { clientId: 'client-emoji-01', conversationId: 'conv-a', body }, NOW + 40);
    expect(reply.message.body).toBe(body);
    expect(await getConversation(db, 'conv-a')).toMatchObject({ lastMessagePreview: `${'a'.repeat(138)}😀…` });
    const pulled = await pullChanges(db, ['a'], reply.changes.seq - 1, 10);
    expect(pulled.changes.map((c) => c.kind)).toEqual(['conversation']);

    const inbound = await receiveInbound(
      db,
      { channel: 'sms', from: '+14155550166', body: `${'b'.repeat(138)}😀 inbound` },
      NOW + 40,
      'a',
    );
    expect(await getConversation(db, inbound.conversationId)).toMatchObject({
      lastMessagePreview: `${'b'.repeat(138)}😀…`,
    });
  });

  it('refuses replies to conversations outside the user’s teams', async () => {
    const attempt = sendReply(db, bob, { clientId: 'client-0002', conversationId: 'conv-a', body: 'hi' }, NOW);
    await expect(attempt).rejects.toBeInstanceOf(CaredeskError);
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      sendReply(db, bob, { clientId: 'client-0003', conversationId: 'missing', body: 'hi' }, NOW),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows each team only its own changes plus team-less ones', async () => {
    const forA = await pullChanges(db, ['a'], 0, 1000);
    const forB = await pullChanges(db, ['b'], 0, 1000);
    const kinds = (page: typeof forA) => page.changes.map((c) => `${c.kind}:${c.data.id}`);
    expect(kinds(forA)).toEqual(
      expect.arrayContaining([
        'team:a',
        'team:b',
        'user:alice',
        'user:bob',
        'customer:c1',
        'order:o1',
        'conversation:conv-a',
      ]),
    );
    expect(kinds(forB)).toEqual(['team:a', 'team:b', 'user:alice', 'user:bob']);
    // The customer and its order come before the conversation that exposed them.
    const a = kinds(forA);
    expect(a.indexOf('customer:c1')).toBeLessThan(a.indexOf('conversation:conv-a'));
    expect(a.indexOf('order:o1')).toBeLessThan(a.indexOf('conversation:conv-a'));
    // c2 has no conversation yet: nobody sees it.
    expect(a).not.toContain('customer:c2');
  });

  it('exposes a customer and its orders to a new team when a conversation lands there', async () => {
    const cursor = await latestSeq(db);
    await insertConversation(
      db,
      openSmsConversation(
        {
          id: 'conv-b',
          teamId: 'b',
          customerId: 'c1',
          assigneeId: 'bob',
          lastMessagePreview: 'again',
          waitingSince: null,
        },
        NOW,
      ),
      NOW,
    );
    const forB = await pullChanges(db, ['b'], cursor, 100);
    expect(forB.changes.map((c) => `${c.kind}:${c.data.id}`)).toEqual([
      'customer:c1',
      'order:o1',
      'conversation:conv-b',
    ]);
    expect(await pullChanges(db, ['a'], cursor, 100)).toEqual({ changes: [], cursor, hasMore: false });
    // An order update now reaches both teams.
    const updated = await upsertOrder(db, { ...order('o1', 'c1', '#1001'), status: 'fulfilled' }, NOW);
    expect(updated.teamIds.sort()).toEqual(['a', 'b']);
  });

  it('pages the change log with limit, cursor and hasMore; each page carries the newest version of an entity', async () => {
    const all = await pullChanges(db, ['a', 'b'], 0, 5000);
    expect(all.hasMore).toBe(false);
    const key = (c: Change) => changeEntityKey(c) ?? `${c.kind}:${c.data.id}`;
    const versioned = (c: Change) => c.kind !== 'message' && c.kind !== 'note' && !c.actionId;
    const newest = (changes: Change[]) => {
      const last = new Map<string, Change>();
      for (const c of changes) last.set(key(c), c);
      return [...last.entries()].filter(([, c]) => versioned(c)).sort(([x], [y]) => x.localeCompare(y));
    };
    for (const page of [all]) {
      const keys = page.changes.filter(versioned).map(key);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const pulled: Change[] = [];
    let cursor = 0;
    for (let i = 0; i < 100; i++) {
      const page = await pullChanges(db, ['a', 'b'], cursor, 3);
      expect(page.changes.length).toBeLessThanOrEqual(3);
      expect(page.cursor).toBeGreaterThan(cursor);
      pulled.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const seqs = pulled.map((c) => c.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(cursor).toBe(all.cursor);
    // Small pages drop fewer old versions, but end in the same state, with every message and note.
    expect(newest(pulled)).toEqual(newest(all.changes));
    const kept = (changes: Change[]) => changes.filter((c) => !versioned(c)).map((c) => c.seq);
    expect(kept(pulled)).toEqual(kept(all.changes));
  });

  it('sends, of several versions of an entity in one page, only the newest, unless an action wrote it', async () => {
    const before = (await pullChanges(db, ['a', 'b'], 0, 5000)).cursor;
    const conversation = await getConversation(db, 'conv-a');
    if (!conversation) throw new Error('conv-a is missing');
    for (const subject of ['one', 'two', 'three']) {
      await db.transaction(async (tx) =>
        appendChanges(tx, await updateConversation(tx, { ...conversation, subject }), NOW, OPERATOR),
      );
    }
    const tagged = await applyAction(
      db,
      alice,
      {
        id: 'action-tag-1',
        action: { type: 'tag', conversationId: 'conv-a', seenAssigneeId: null, tag: 'vip', on: true },
      },
      NOW,
    );
    const latest = await getConversation(db, 'conv-a');
    if (!latest) throw new Error('conv-a is missing');
    await db.transaction(async (tx) =>
      appendChanges(tx, await updateConversation(tx, { ...latest, subject: 'four' }), NOW, OPERATOR),
    );
    const page = await pullChanges(db, ['a'], before, 100);
    const sent = page.changes.map((c) =>
      c.kind === 'conversation' ? `${c.data.subject}:${c.actionId ?? ''}` : c.kind,
    );
    expect(sent).toEqual(['three:action-tag-1', 'four:']);
    expect(page.changes.at(-1)?.seq).toBe(page.cursor);
    expect(tagged.result.seq).toBe(page.changes[0]?.seq);
    // Older versions still come in a page that ends before the newest one.
    const firstOnly = await pullChanges(db, ['a'], before, 1);
    expect(firstOnly.changes.map((c) => c.kind === 'conversation' && c.data.subject)).toEqual(['one']);
    expect(firstOnly.hasMore).toBe(true);
  });

  it('sends a delete as the last version of what it removes, and nothing of that entity before it in the page', async () => {
    const before = await latestSeq(db);
    const gone = customer('c-gone', '+14155550199');
    await db.transaction((tx) =>
      appendChanges(
        tx,
        [
          { teamId: 'a', change: { kind: 'customer', data: gone } },
          // Another kind of entity with the same id is not a version of the customer.
          { teamId: 'a', change: { kind: 'order', data: order('c-gone', 'c1', '#1999') } },
          { teamId: 'a', change: { kind: 'delete', data: { entity: 'customer', id: 'c-gone' } } },
        ],
        NOW,
        OPERATOR,
      ),
    );
    const page = await pullChanges(db, ['a'], before, 100);
    expect(page.changes.map((c) => [c.kind, c.data.id])).toEqual([
      ['order', 'c-gone'],
      ['delete', 'c-gone'],
    ]);
    expect(page.changes.at(-1)).toMatchObject({ data: { entity: 'customer', id: 'c-gone' } });
    expect((await pullChanges(db, ['b'], before, 100)).changes).toEqual([]);
  });

  it('routes inbound messages to a known customer or a new one', async () => {
    const known = await receiveInbound(
      db,
      { channel: 'sms', from: '(415) 555-0102', body: 'Where is my order?' },
      NOW + 100,
      'b',
    );
    const conversation = await getConversation(db, known.conversationId);
    expect(conversation).toMatchObject({ customerId: 'c2', teamId: 'b', waitingSince: NOW + 100, status: 'open' });
    const again = await receiveInbound(db, { channel: 'sms', from: '+1 415 555 0102', body: 'Hello?' }, NOW + 200, 'b');
    expect(again.conversationId).toBe(known.conversationId);
    expect(await getConversation(db, known.conversationId)).toMatchObject({
      waitingSince: NOW + 100,
      lastMessagePreview: 'Hello?',
    });

    const fresh = await receiveInbound(
      db,
      { channel: 'x', from: '1442317185829871616', handle: '@NewPerson', body: 'hi', name: 'New Person' },
      NOW,
      'a',
    );
    const created = await getConversation(db, fresh.conversationId);
    const newCustomer = await getCustomer(db, created?.customerId ?? '');
    expect(newCustomer).toMatchObject({
      name: 'New Person',
      identities: [{ kind: 'x', channel: 'x', value: '1442317185829871616', display: '@NewPerson' }],
    });

    const dup1 = await receiveInbound(
      db,
      { channel: 'x', from: '1442317185829871616', body: 'hook', providerMessageId: 'p-1' },
      NOW,
      'a',
    );
    const seq = await latestSeq(db);
    const dup2 = await receiveInbound(
      db,
      { channel: 'x', from: '1442317185829871616', body: 'hook', providerMessageId: 'p-1' },
      NOW,
      'a',
    );
    expect(dup2.message).toEqual(dup1.message);
    expect(await latestSeq(db)).toBe(seq);
  });

  it('de-duplicates provider message ids per channel, not across channels', async () => {
    const sms = await receiveInbound(
      db,
      { channel: 'sms', from: '+14155550188', body: 'by text', providerMessageId: 'SM-shared-1' },
      NOW + 50,
      'a',
    );
    const whatsapp = await receiveInbound(
      db,
      { channel: 'whatsapp', from: '+14155550199', body: 'by whatsapp', providerMessageId: 'SM-shared-1' },
      NOW + 50,
      'b',
    );
    expect(whatsapp.message.id).not.toBe(sms.message.id);
    expect(whatsapp.message).toMatchObject({ channel: 'whatsapp', body: 'by whatsapp' });
    expect(whatsapp.changes.seq).toBeGreaterThan(0);
    const again = await receiveInbound(
      db,
      { channel: 'whatsapp', from: '+14155550199', body: 'by whatsapp', providerMessageId: 'SM-shared-1' },
      NOW + 60,
      'b',
    );
    expect(again.message).toEqual(whatsapp.message);
    expect(again.changes.seq).toBe(0);
  });

  it('appends inbound messages only to conversations in the given teams, opening one in the first of them', async () => {
    const from = '+14155550211';
    const inA = await receiveInbound(
      db,
      { channel: 'sms', from, body: 'to team a', providerMessageId: 'SM-a-1' },
      NOW + 60,
      'a',
    );
    const scoped = await receiveInbound(db, { channel: 'sms', from, body: 'to team b' }, NOW + 61, undefined, ['b']);
    expect(scoped.conversationId).not.toBe(inA.conversationId);
    expect(await getConversation(db, scoped.conversationId)).toMatchObject({
      teamId: 'b',
      lastMessagePreview: 'to team b',
    });
    expect(await getConversation(db, inA.conversationId)).toMatchObject({
      teamId: 'a',
      lastMessagePreview: 'to team a',
    });
    const again = await receiveInbound(db, { channel: 'sms', from, body: 'b again' }, NOW + 62, undefined, ['b']);
    expect(again.conversationId).toBe(scoped.conversationId);
    // Teams in creation order: a before b.
    const first = await receiveInbound(db, { channel: 'sms', from: '+14155550212', body: 'x' }, NOW, undefined, [
      'b',
      'a',
    ]);
    expect(await getConversation(db, first.conversationId)).toMatchObject({ teamId: 'a' });
    // A redelivery never hands out another team's message.
    await expect(
      receiveInbound(
        db,
        { channel: 'sms', from, body: 'to team a', providerMessageId: 'SM-a-1' },
        NOW + 63,
        undefined,
        ['b'],
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const redelivered = await receiveInbound(
      db,
      { channel: 'sms', from, body: 'to team a', providerMessageId: 'SM-a-1' },
      NOW + 63,
      undefined,
      ['a'],
    );
    expect(redelivered).toMatchObject({ message: inA.message, repeated: true });
  });

  // Several writers on one conversation at once: only PostgreSQL runs them concurrently.
  it.skipIf(backend.kind !== 'postgres')(
    'runs concurrent inbound messages and replies on one conversation without deadlocks or lost updates',
    async () => {
      const from = '+14155550177';
      const first = await receiveInbound(db, { channel: 'sms', from, body: 'first' }, NOW + 1000, 'a');
      const conversationId = first.conversationId;
      const jobs: Promise<unknown>[] = [];
      // Interleaved timestamps, so inbound and replies alternate as the newest message.
      for (let i = 0; i < 24; i++) {
        const at = NOW + 2000 + ((i * 7) % 24);
        jobs.push(
          i % 2 === 0
            ? receiveInbound(db, { channel: 'sms', from, body: `inbound ${i}` }, at, 'a')
            : sendReply(db, alice, { clientId: `client-concurrent-${i}`, conversationId, body: `reply ${i}` }, at),
        );
      }
      const settled = await Promise.allSettled(jobs);
      expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);

      const messages = await listMessages(db, conversationId);
      expect(messages).toHaveLength(25);
      const newest = messages.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
      // The newest (NOW + 2023) is reply 17: nobody is waiting.
      expect(newest).toMatchObject({ direction: 'outbound', body: 'reply 17' });
      expect(await getConversation(db, conversationId)).toMatchObject({
        lastMessageAt: newest.createdAt,
        lastMessagePreview: newest.body,
        waitingSince: null,
      });
    },
  );

  // Concurrent: PGlite runs one transaction at a time, so only PostgreSQL can race.
  it.skipIf(backend.kind !== 'postgres')(
    'stores the first messages of a new sender arriving at once under one customer and conversation',
    async () => {
      const from = '+14155550311';
      const results = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) =>
          receiveInbound(db, { channel: 'sms', from, body: `burst ${i}` }, NOW + 3000 + i, 'a'),
        ),
      );
      expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
      const identities = await db.query<{ customer_id: string }>(
        `select customer_id from identities where channel = 'sms' and value = $1`,
        [from],
      );
      expect(identities).toHaveLength(1);
      const customers = await db.query(`select 1 from customers where name = $1`, [from]);
      expect(customers).toHaveLength(1);
      expect(await listMessages(db, results[0]?.conversationId ?? '')).toHaveLength(6);
    },
  );

  // Concurrent: PGlite runs one transaction at a time, so only PostgreSQL can race.
  it.skipIf(backend.kind !== 'postgres')(
    'reopens the resolved conversation once when messages arrive at once for its customer',
    async () => {
      const from = '+14155550322';
      const first = await receiveInbound(db, { channel: 'sms', from, body: 'hello' }, NOW + 4000, 'a');
      await db.query(`update conversations set status = 'closed' where id = $1`, [first.conversationId]);
      const results = await Promise.all(
        [0, 1, 2, 3].map((i) => receiveInbound(db, { channel: 'sms', from, body: `again ${i}` }, NOW + 4010 + i, 'a')),
      );
      const [{ customer_id: customerId } = { customer_id: '' }] = await db.query<{ customer_id: string }>(
        'select customer_id from conversations where id = $1',
        [first.conversationId],
      );
      const open = await db.query<{ id: string }>(
        `select id from conversations where customer_id = $1 and status <> 'closed'`,
        [customerId],
      );
      expect(open.map((row) => row.id)).toEqual([first.conversationId]);
      expect(new Set(results.map((r) => r.conversationId))).toEqual(new Set([first.conversationId]));
    },
  );

  // Concurrent: PGlite runs one transaction at a time, so only PostgreSQL can race.
  it.skipIf(backend.kind !== 'postgres')(
    'answers concurrent redeliveries of one provider message with the stored message',
    async () => {
      const request = { channel: 'sms' as const, from: '+14155550333', body: 'hook', providerMessageId: 'SM-race-1' };
      const same = await Promise.all([0, 1, 2].map(() => receiveInbound(db, request, NOW + 5000, 'a')));
      expect(new Set(same.map((r) => r.message.id)).size).toBe(1);
      expect(same.map((r) => r.repeated).sort()).toEqual([false, true, true]);

      // The same provider id from two senders at once: one stores it, the other answers with it.
      const crossed = await Promise.all(
        ['+14155550344', '+14155550355'].map((sender) =>
          receiveInbound(db, { ...request, from: sender, providerMessageId: 'SM-race-2' }, NOW + 5001, 'a'),
        ),
      );
      expect(crossed[0]?.message).toEqual(crossed[1]?.message);
      expect(crossed.map((r) => r.repeated).sort()).toEqual([false, true]);
      const stored = await db.query(`select 1 from messages where provider_message_id in ('SM-race-1', 'SM-race-2')`);
      expect(stored).toHaveLength(2);
    },
  );
});
