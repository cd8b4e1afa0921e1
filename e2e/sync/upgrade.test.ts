// Upgrades never strand an engine (shared/sync/README.md "Versions"): an engine of the previous
// protocol version against today's server, the same cache opened by today's engine, and an
// engine older than the server serves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentChangeReader, SYNC_PROTOCOL, SyncEvents } from '../../shared/sync';
import type { Action, ChangeReader, PullRequest } from '../../shared/sync';
import type { AssignedReason } from '../../shared/domain/routing';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { frozenChangeReader } from '../../shared/sync/versions';
import { getConversation } from '../../electron/services/db/conversations';
import { getUser } from '../../electron/services/db/people';
import { countSkipped, getCursor } from '../../electron/services/db/meta';
import { openCache } from '../../electron/services/db/open';
import type { Db } from '../../electron/services/db/open';
import type { Timers } from '../../electron/services/sync/backoff';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory } from '../../electron/services/sync/socket';
import { UPDATE_REQUIRED_DETAIL } from '../../electron/services/sync/versions';
import { hashPassword } from '../../server/auth/password';
import { createUser } from '../../server/db/accounts';
import { updateUser } from '../../server/db/admin';
import { appendChanges } from '../../server/db/changes';
import { updateMessageStatus } from '../../server/db/messages';
import { applyAction } from '../../server/services/actions/apply';
import { getConversation as getServerConversation, updateConversation } from '../../server/db/conversations';
import { insertCustomer, upsertOrder } from '../../server/db/customers';
import { testOrder } from '../../server/db/testing';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, LEAD, postInbound, recordingSyncClient, visibleSeq } from './support';

let server: TestServer;
const cleanups = createCleanups();
const previous = SYNC_PROTOCOL.version - 1;
/**
 * The newest version that meets a change it cannot read: `delete` is new in 5, and versions 6 to 16
 * only added optional fields (an identity's kind and how it was linked; a canned resolution's team
 * and actions; a conversation's suggested customers; a failed message's reason; an order's address,
 * refund lines and refunds waiting for approval; a conversation's routing reason; 14: a team's own
 * service levels; 15: a conversation's priority set by a person; 16: a user's `active`; 18: a message's
 * attachments) and action types (10: undoing a merge, splitting an
 * identity off; 11: order actions, which travel as order and note changes), which 5 reads past.
 */
const skipping = 4;

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 12 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

/** The real socket.io client, recording the cursor of every pull and counting connection attempts. */
function watchedSockets(pulledFrom: number[], attempts: { count: number }): SocketFactory {
  return (url, options) => {
    const socket = connectSocketIo(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      connect: () => {
        attempts.count++;
        socket.connect();
      },
      request: (event: string, payload: unknown, timeoutMs: number) => {
        if (event === SyncEvents.pull) pulledFrom.push((payload as PullRequest).cursor);
        return socket.request(event, payload, timeoutMs);
      },
    });
  };
}

/** Real timers that remember every delay asked for: a reconnect loop would show here. */
function recordingTimers(delays: number[]): Timers {
  return {
    setTimeout: (callback, ms) => {
      delays.push(ms);
      return setTimeout(callback, ms);
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

function engine(db: Db, reader: ChangeReader, url = server.url) {
  const pulledFrom: number[] = [];
  const attempts = { count: 0 };
  const delays: number[] = [];
  const recorded = recordingSyncClient(db, url, {
    connect: watchedSockets(pulledFrom, attempts),
    reader,
    timers: recordingTimers(delays),
  });
  cleanups.add(async () => {
    recorded.client.stop();
    // The checkpointer's thread has its own connection to the cache file: wait for it before removing the folder.
    await recorded.client.stopped();
    expect(recorded.errors).toEqual([]);
  });
  return { ...recorded, pulledFrom, attempts, delays };
}

function cacheFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-upgrade-'));
  cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'cache.db');
}

function open(file: string): Db {
  const db = openCache(file);
  cleanups.add(() => {
    if (db.open) db.close();
  });
  return db;
}

/** An order the server deletes: a change kind (`delete`, version 5) the previous version does not know. */
async function orderDeletion(teamIds: readonly string[]): Promise<{ seq: number; orderId: string }> {
  const rows = await server.sql.query<{ team_id: string; entity_id: string }>(
    `select team_id, entity_id from changes where kind = 'order' and team_id = any($1::text[])
     order by seq desc limit 1`,
    [[...teamIds]],
  );
  const row = rows[0];
  if (!row) throw new Error('the demo has no order');
  const appended = await server.sql.transaction((tx) =>
    appendChanges(
      tx,
      [{ teamId: row.team_id, change: { kind: 'delete', data: { entity: 'order', id: row.entity_id } } }],
      Date.now(),
      { actor: SYSTEM_ACTOR, type: 'operator_edit' },
    ),
  );
  return { seq: appended.seq, orderId: row.entity_id };
}

const hasOrder = (db: Db, orderId: string) =>
  db.prepare('SELECT count(*) FROM orders WHERE id = ?').pluck().get(orderId) === 1;

describe('sync across protocol versions', () => {
  it(`an engine of version ${skipping} syncs what it reads, skips the rest and says an update is available; upgraded, it gets what it skipped without a re-sync from 0`, async () => {
    const session = await server.signIn(LEAD);
    const teamIds = session.user.teamIds;
    const file = cacheFile();

    const before = open(file);
    const old = engine(before, frozenChangeReader(skipping));
    old.client.start(session.token);
    await old.states.waitFor((s) => s.connection === 'online' && s.lastSyncedAt !== null);
    expect(old.client.state().update).toEqual({ required: false, skipped: 0 });

    // The server moves on: an order is deleted (new to version 5), then a customer writes in.
    const deletion = await orderDeletion(teamIds);
    expect(hasOrder(before, deletion.orderId)).toBe(true);
    const seen = old.changed.items.length;
    const inbound = await postInbound(server, `Receipt check ${Date.now()}`, '+1 415 555 0177');
    await old.changed.waitFor((ids) => ids.includes(inbound.conversationId), seen);
    await old.client.idle();

    // The page still applied, past the change it could not read, and the rep is told calmly.
    expect(getConversation(before, inbound.conversationId).messages).toHaveLength(1);
    expect(hasOrder(before, deletion.orderId)).toBe(true);
    expect(getCursor(before)).toBe(await visibleSeq(server.sql, teamIds));
    expect(countSkipped(before)).toBe(1);
    const told = old.client.state();
    expect(told).toMatchObject({ connection: 'online', update: { required: false, skipped: 1 } });
    old.client.stop();
    await old.client.stopped();
    before.close();

    // The same cache, opened by today's engine: it reads again from just before the skipped change.
    const after = open(file);
    const upgraded = engine(after, currentChangeReader);
    upgraded.client.start(session.token);
    await upgraded.states.waitFor((s) => s.connection === 'online' && s.detail === null);
    await upgraded.client.idle();
    expect(upgraded.pulledFrom[0]).toBe(deletion.seq - 1);
    expect(upgraded.pulledFrom).not.toContain(0);
    expect(hasOrder(after, deletion.orderId)).toBe(false);
    expect(getConversation(after, inbound.conversationId).messages).toHaveLength(1);
    expect(getCursor(after)).toBe(await visibleSeq(server.sql, teamIds));
    expect(countSkipped(after)).toBe(0);
    expect(upgraded.client.state().update).toBeNull();
  });

  it(`an engine of version ${previous} reads suggested customers, a failed reply's reason, orders changed by order actions, a routed conversation, a priority a person set, a deactivated user and a photo that came with a message (versions 8, 9, 11, 13, 15, 16 and 18), and skips nothing`, async () => {
    const session = await server.signIn(LEAD);
    // A customer only the records hold, whose order number a new sender quotes (version 8: the suggestion).
    const suffix = String(Date.now() % 1_000_000).padStart(6, '0');
    const customerId = `records-only-${suffix}`;
    await server.sql.transaction((tx) =>
      insertCustomer(tx, { id: customerId, name: 'Rae Records', email: null, createdAt: Date.now(), identities: [] }),
    );
    await upsertOrder(
      server.sql,
      testOrder({ id: `order-${suffix}`, customerId, number: `#7${suffix}` }, Date.now()),
      Date.now(),
    );
    const inbound = await postInbound(server, `where is order #7${suffix}?`, `+1 415 7${suffix}`);
    const stored = await getServerConversation(server.sql, inbound.conversationId);
    expect(stored?.linkSuggestions?.map((s) => s.customerId)).toEqual([customerId]);
    // A reply the provider refused, with its reason (version 9).
    const replied = await applyAction(
      server.sql,
      session.user,
      {
        id: `reply-${suffix}`,
        action: { type: 'reply', conversationId: inbound.conversationId, seenAssigneeId: null, body: 'On its way.' },
      },
      Date.now(),
    );
    const reply = replied.result.message;
    if (!reply || !stored) throw new Error('the reply was not stored');
    await server.sql.transaction(async (tx) =>
      appendChanges(
        tx,
        [await updateMessageStatus(tx, reply, stored.teamId, 'failed', { code: '30007', text: 'Carrier filtered' })],
        Date.now(),
        { actor: SYSTEM_ACTOR, type: 'delivery_status' },
      ),
    );

    // An order of the sender changed by order actions (version 11: its address, a refund by line).
    const orderId = `acted-${suffix}`;
    await upsertOrder(
      server.sql,
      testOrder(
        {
          id: orderId,
          customerId: stored.customerId,
          number: `#8${suffix}`,
          payments: [{ id: 'pay', method: 'card', amountCents: 4200, status: 'captured', processedAt: Date.now() }],
        },
        Date.now(),
      ),
      Date.now(),
    );
    const onOrder = { conversationId: inbound.conversationId, seenAssigneeId: null, orderId };
    const address = { lines: ['1 Main St'], city: 'Springfield', postcode: '62701', country: 'US' };
    const orderActions: Action[] = [
      { type: 'changeOrderAddress', ...onOrder, address },
      { type: 'refundOrder', ...onOrder, lines: [{ sku: 'NW-1', quantity: 1 }], reason: 'damaged' },
    ];
    for (const [n, action] of orderActions.entries()) {
      await applyAction(server.sql, session.user, { id: `order-${n}-${suffix}`, action }, Date.now());
    }

    // Routing gave the conversation away, with its reason (version 13: an optional field).
    const routed: AssignedReason = { kind: 'routed', at: Date.now(), mode: 'fewest_open', open: 0, skipped: [] };
    await server.sql.transaction(async (tx) => {
      const current = await getServerConversation(tx, inbound.conversationId, { forUpdate: true });
      if (!current) throw new Error('the conversation is gone');
      const next = { ...current, assigneeId: session.user.id, assignedReason: routed };
      await appendChanges(tx, await updateConversation(tx, next), Date.now(), { actor: SYSTEM_ACTOR, type: 'routing' });
    });
    // The lead marked it urgent (version 15: an optional field an older engine reads past).
    const prioritized: Action = {
      type: 'setPriority',
      conversationId: inbound.conversationId,
      seenAssigneeId: session.user.id,
      priority: 'urgent',
    };
    await applyAction(server.sql, session.user, { id: `priority-${suffix}`, action: prioritized }, Date.now());
    expect((await getServerConversation(server.sql, inbound.conversationId))?.priority).toBe('urgent');
    // An admin deactivated a colleague (version 16: `active`, an optional field an older engine reads past).
    const colleague = `user-gone-${suffix}`;
    await createUser(
      server.sql,
      {
        id: colleague,
        name: 'Gone Colleague',
        email: `gone-${suffix}@northwind.example`,
        role: 'rep',
        teamIds: session.user.teamIds.slice(0, 1),
        password: await hashPassword('a long enough password'),
      },
      Date.now(),
    );
    await server.sql.transaction((tx) => updateUser(tx, colleague, { active: false }, Date.now(), SYSTEM_ACTOR));
    // The customer sent a photo (version 18: a message's `attachments`, an optional field an older engine reads past).
    const photo = {
      url: 'https://media.example/p.jpg',
      providerMediaId: null,
      contentType: 'image/jpeg',
      size: 2048,
      filename: null,
    };
    await postInbound(server, '', `+1 415 7${suffix}`, 'sms', [photo]);

    const db = open(cacheFile());
    const old = engine(db, frozenChangeReader(previous));
    old.client.start(session.token);
    await old.states.waitFor((s) => s.connection === 'online' && s.lastSyncedAt !== null);
    await old.client.idle();

    // Read, not skipped: the conversation and its message are there.
    const cached = getConversation(db, inbound.conversationId);
    expect(cached.messages.map((m) => [m.body, m.status])).toEqual([
      [`where is order #7${suffix}?`, 'received'],
      ['On its way.', 'failed'],
      ['', 'received'],
    ]);
    expect(cached.conversation.assigneeId).toBe(session.user.id);
    const cachedOrder = db.prepare('SELECT doc FROM orders WHERE id = ?').pluck().get(orderId) as string;
    expect(JSON.parse(cachedOrder)).toMatchObject({ status: 'refunded', refunds: [{ amountCents: 4200 }] });
    expect(getUser(db, colleague)?.name).toBe('Gone Colleague');
    expect(countSkipped(db)).toBe(0);
    expect(old.client.state().update).toEqual({ required: false, skipped: 0 });
  });

  it('an engine older than the server serves is refused once, told to update Caredesk, and not retried', async () => {
    const session = await server.signIn(LEAD);
    // An engine of version 2 (before skipping existed) hears `protocol_mismatch`, with the range.
    const ancient = engine(open(cacheFile()), { ...currentChangeReader, version: 2 });
    ancient.client.start(session.token);
    await ancient.states.waitFor((s) => s.update?.required === true);

    // A server whose oldest served version is newer than today's engine says `update_required`.
    const ahead = await startTestServer({
      demoConversations: 0,
      syncProtocol: { version: SYNC_PROTOCOL.version + 1, minCompatible: SYNC_PROTOCOL.version + 1 },
    });
    cleanups.add(() => ahead.close());
    const current = engine(open(cacheFile()), currentChangeReader, ahead.url);
    current.client.start((await ahead.signIn(LEAD)).token);
    await current.states.waitFor((s) => s.update?.required === true);

    for (const refused of [ancient, current]) {
      expect(refused.client.state()).toMatchObject({
        connection: 'offline',
        detail: UPDATE_REQUIRED_DETAIL,
        update: { required: true, skipped: 0 },
      });
      // One attempt, and nothing scheduled to try again: no reconnect loop.
      expect(refused.attempts.count).toBe(1);
      expect(refused.delays).toEqual([]);
      expect(refused.pulledFrom).toEqual([]);
    }
    // A second server starts inside the test: a busy machine needs more than the default 30 s.
  }, 90_000);
});
