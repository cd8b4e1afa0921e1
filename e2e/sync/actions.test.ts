// Rep actions from the engine's outbox to the real server, and what other engines see of them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceView, RejectedAction } from '../../shared/api';
import { dispatchCall } from '../../electron/services/api/dispatch';
import type { Engine } from '../../electron/services/api/engine';
import { nextEvent } from '../../electron/services/testing/events';
import { getUser } from '../../server/db/accounts';
import { applyAction } from '../../server/services/actions/apply';
import { startTestServer } from '../../server/testing';
import { MAX_TAGS } from '../../shared/sync/actions';
import type { TestServer } from '../../server/testing';
import { createCleanups, postInbound, REP, serverCount, settled, signedInEngine } from './support';

const REP02 = 'rep02@northwind.example'; // Orders & Delivery, like rep01
const LEAD_ID = 'user-lead01';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 30 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

const signedIn = (email: string): Promise<Engine> => signedInEngine(cleanups, server.url, email);

async function ordersConversation(engine: Engine): Promise<string> {
  const page = await engine.handlers['inbox:list']({
    filter: 'team',
    teamId: 'team-orders',
    status: 'open',
    limit: 50,
  });
  const conversation = page.items.find((c) => c.assigneeId === null) ?? page.items[0];
  if (!conversation) throw new Error('no open Orders & Delivery conversation');
  return conversation.id;
}

const serverConversation = async (id: string) =>
  (
    await server.sql.query<{ assignee_id: string | null; status: string; tags: string[] }>(
      'select assignee_id, status, tags from conversations where id = $1',
      [id],
    )
  )[0];

describe('rep actions ↔ server', () => {
  it('assign, tag, note and resolve show at once, reach the server once each, in order, and reach a teammate', async () => {
    const rep = await signedIn(REP);
    const teammate = await signedIn(REP02);
    const conversationId = await ordersConversation(rep);
    const act = (input: Parameters<Engine['handlers']['conversation:act']>[0]) =>
      rep.handlers['conversation:act'](input);

    const ids = [
      await act({ type: 'assign', conversationId, assigneeId: 'user-rep01' }),
      await act({ type: 'tag', conversationId, tag: 'Damaged', on: true }),
      await act({ type: 'note', conversationId, body: 'Photo of the box on file.' }),
      await act({ type: 'status', conversationId, status: 'closed' }),
    ].map((r) => r.actionId);
    // The rep's own view has all of it before the server answered.
    const view = await rep.handlers['inbox:get']({ conversationId });
    expect(view.conversation).toMatchObject({ assigneeId: 'user-rep01', tags: ['damaged'], status: 'closed' });
    expect(view.notes.map((n) => [n.body, n.authorId])).toEqual([['Photo of the box on file.', 'user-rep01']]);

    const seen = nextEvent(teammate, 'inbox:changed', (e) => e.conversationIds.includes(conversationId));
    await settled(rep);
    expect(await serverConversation(conversationId)).toEqual({
      assignee_id: 'user-rep01',
      status: 'closed',
      tags: ['damaged'],
    });
    // One change-log entry per action, in the order the rep made them.
    const log = await server.sql.query<{ action_id: string; kind: string }>(
      'select action_id, kind from changes where action_id = any($1::text[]) order by seq',
      [ids],
    );
    expect(log.map((row) => [ids.indexOf(row.action_id), row.kind])).toEqual([
      [0, 'conversation'],
      [1, 'conversation'],
      [2, 'note'],
      [3, 'conversation'],
    ]);
    expect((await rep.handlers['inbox:get']({ conversationId })).notes.map((n) => n.pending)).toEqual([false]);

    await seen;
    await settled(teammate);
    const theirs = await teammate.handlers['inbox:get']({ conversationId });
    expect(theirs.conversation).toMatchObject({ assigneeId: 'user-rep01', tags: ['damaged'], status: 'closed' });
    expect(theirs.notes.map((n) => n.body)).toEqual(['Photo of the box on file.']);
    expect(theirs.authors['user-rep01']?.name).toBeTruthy();

    // A new message from the customer reopens the resolved conversation for everyone.
    const [identity] = await server.sql.query<{ value: string; channel: string }>(
      `select i.value, i.channel from conversations c join identities i on i.customer_id = c.customer_id
       and i.channel = c.channel where c.id = $1`,
      [conversationId],
    );
    if (!identity) throw new Error(`conversation ${conversationId} has no identity on its channel`);
    const reopened = nextEvent(rep, 'inbox:changed', (e) => e.conversationIds.includes(conversationId));
    const { conversationId: landed } = await postInbound(
      server,
      'It arrived broken again',
      identity.value,
      identity.channel,
    );
    expect(landed).toBe(conversationId);
    await reopened;
    await settled(rep);
    expect((await rep.handlers['inbox:get']({ conversationId })).conversation.status).toBe('open');
  });

  it('refuses a tag beyond the limit before queuing it, as the server would', async () => {
    const rep = await signedIn(REP);
    const conversationId = await ordersConversation(rep);
    const { tags } = (await rep.handlers['inbox:get']({ conversationId })).conversation;
    for (let n = tags.length; n < MAX_TAGS; n++) {
      await rep.handlers['conversation:act']({ type: 'tag', conversationId, tag: `limit-${n}`, on: true });
    }
    const queued = (await rep.handlers['sync:status']({})).pendingActions;
    await expect(
      rep.handlers['conversation:act']({ type: 'tag', conversationId, tag: 'one-too-many', on: true }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: `A conversation can have at most ${MAX_TAGS} tags.` });
    expect((await rep.handlers['sync:status']({})).pendingActions).toBe(queued);
    expect((await rep.handlers['inbox:get']({ conversationId })).conversation.tags).toHaveLength(MAX_TAGS);
    await settled(rep);
    expect(await rep.handlers['outbox:rejected']({})).toEqual([]);
    expect((await serverConversation(conversationId))?.tags).toHaveLength(MAX_TAGS);
  });

  it('shows the customer a message names, rejects one before the server answers, and links another with their orders', async () => {
    const rep = await signedIn(REP);
    const [order] = await server.sql.query<{ id: string; number: string; customer_id: string }>(
      'select id, number, customer_id from orders order by id limit 1',
    );
    if (!order) throw new Error('the demo has no orders');
    const ask = (from: string) => postInbound(server, `Where is order ${order.number}? Ordered for my sister.`, from);
    const rejected = await ask('+1 415 555 0911');
    const linked = await ask('+1 415 555 0912');
    await settled(rep);
    const view = async (conversationId: string) => (await rep.handlers['inbox:get']({ conversationId })).conversation;
    expect((await view(rejected.conversationId)).linkSuggestions).toMatchObject([
      { customerId: order.customer_id, state: 'open', evidence: [{ kind: 'order', value: order.number }] },
    ]);

    const on = (conversationId: string) => ({ conversationId, customerId: order.customer_id });
    await rep.handlers['conversation:act']({ type: 'rejectLink', ...on(rejected.conversationId) });
    // Rejected in the rep's view at once, by the same rule the server runs.
    expect((await view(rejected.conversationId)).linkSuggestions).toMatchObject([{ state: 'rejected' }]);
    await rep.handlers['conversation:act']({ type: 'link', ...on(linked.conversationId) });
    await settled(rep);

    const stored = await server.sql.query<{ link_suggestions: { state: string }[] }>(
      'select link_suggestions from conversations where id = $1',
      [rejected.conversationId],
    );
    expect(stored[0]?.link_suggestions).toMatchObject([{ state: 'rejected' }]);
    const joined = await rep.handlers['inbox:get']({ conversationId: linked.conversationId });
    expect(joined.customer.id).toBe(order.customer_id);
    expect(joined.orders.map((o) => o.id)).toContain(order.id);
    expect(await rep.handlers['outbox:rejected']({})).toEqual([]);
  });

  it('undoes an action the server refuses (reassigned meanwhile) and lists it with the reason until dismissed', async () => {
    const rep = await signedIn(REP);
    const conversationId = await ordersConversation(rep);
    const offline = nextEvent(rep, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;

    // Offline, the rep resolves it; meanwhile a lead gives it to rep02.
    await rep.handlers['conversation:act']({ type: 'status', conversationId, status: 'closed' });
    expect((await rep.handlers['inbox:get']({ conversationId })).conversation.status).toBe('closed');
    const lead = await getUser(server.sql, LEAD_ID);
    if (!lead) throw new Error('no lead01');
    const before = await serverConversation(conversationId);
    await applyAction(
      server.sql,
      lead,
      {
        id: `lead-assign-${Date.now()}`,
        action: { type: 'assign', conversationId, seenAssigneeId: null, assigneeId: 'user-rep02' },
      },
      Date.now(),
    );
    cleanups.add(async () => {
      await server.sql.query('update conversations set assignee_id = $1 where id = $2', [
        before?.assignee_id,
        conversationId,
      ]);
    });

    const rejected = nextEvent(rep, 'outbox:rejected', () => true, 20_000);
    await server.start();
    const refusal: RejectedAction = await rejected;
    expect(refusal).toMatchObject({ conversationId, type: 'status', summary: 'Resolve' });
    expect(refusal.reason).toMatch(/^This conversation was reassigned to .+ before your change reached the server\.$/);
    await settled(rep);
    // Undone: the view is the server's again.
    expect((await rep.handlers['inbox:get']({ conversationId })).conversation).toMatchObject({
      status: before?.status,
      assigneeId: 'user-rep02',
    });
    expect(await serverConversation(conversationId)).toMatchObject({ status: before?.status });
    expect((await rep.handlers['sync:status']({})).rejectedActions).toBe(1);
    expect(await rep.handlers['outbox:rejected']({})).toEqual([refusal]);
    await rep.handlers['outbox:dismiss']({ actionId: refusal.actionId });
    expect(await rep.handlers['outbox:rejected']({})).toEqual([]);
  });

  it('assigns several conversations as one action, exactly once, and undoes only the part the server refused', async () => {
    const rep = await signedIn('rep06@northwind.example'); // Orders & Delivery (where new customers land) and Billing
    const stamp = String(Date.now()).slice(-4);
    const picked: string[] = [];
    for (const n of [1, 2, 3]) {
      picked.push(
        (await postInbound(server, `Bulk ${n}: where is my refund?`, `+1 415 556 ${n}${stamp.slice(1)}`))
          .conversationId,
      );
    }
    await settled(rep);
    const [, taken] = picked as [string, string, string];
    const before = await Promise.all(picked.map(serverConversation));
    cleanups.add(async () => {
      for (const [n, id] of picked.entries()) {
        await server.sql.query('update conversations set assignee_id = $1 where id = $2', [before[n]?.assignee_id, id]);
      }
    });

    const offline = nextEvent(rep, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;
    const { actionId } = await rep.handlers['conversations:assign']({
      conversationIds: picked,
      assigneeId: 'user-rep06',
    });
    for (const id of picked) {
      expect((await rep.handlers['inbox:get']({ conversationId: id })).conversation).toMatchObject({
        assigneeId: 'user-rep06',
        pendingActions: 1,
      });
    }
    expect((await rep.handlers['sync:status']({})).pendingActions).toBe(1);

    // Meanwhile a lead gives the second one to rep02.
    const lead = await getUser(server.sql, LEAD_ID);
    if (!lead) throw new Error('no lead01');
    await applyAction(
      server.sql,
      lead,
      {
        id: `lead-take-${Date.now()}`,
        action: { type: 'assign', conversationId: taken, seenAssigneeId: null, assigneeId: 'user-rep02' },
      },
      Date.now(),
    );

    const rejected = nextEvent(rep, 'outbox:rejected', () => true, 20_000);
    await server.start();
    const refusal: RejectedAction = await rejected;
    expect(refusal).toMatchObject({ conversationId: taken, conversationIds: [taken], type: 'assign' });
    expect(refusal.reason).toMatch(/reassigned to .+ before your change reached the server/);
    await settled(rep);

    const assignees = await Promise.all(picked.map(async (id) => (await serverConversation(id))?.assignee_id));
    expect(assignees).toEqual(['user-rep06', 'user-rep02', 'user-rep06']);
    for (const [n, id] of picked.entries()) {
      expect((await rep.handlers['inbox:get']({ conversationId: id })).conversation.assigneeId).toBe(assignees[n]);
    }
    // Applied once: one stored result with an outcome per conversation, its changes named by the action.
    const stored = await server.sql.query<{ result: { results: { conversationId: string; ok: boolean }[] } }>(
      'select result from applied_actions where id = $1',
      [actionId],
    );
    expect(stored.map((row) => row.result.results.map((r) => [r.conversationId, r.ok]))).toEqual([
      picked.map((id) => [id, id !== taken]),
    ]);
    const log = await server.sql.query<{ entity_id: string }>(
      "select entity_id from changes where action_id = $1 and kind = 'conversation' order by entity_id",
      [actionId],
    );
    expect(log.map((row) => row.entity_id)).toEqual(picked.filter((id) => id !== taken).sort());
    expect(await rep.handlers['outbox:rejected']({})).toEqual([refusal]);
    await rep.handlers['outbox:dismiss']({ actionId: refusal.actionId });
    expect((await rep.handlers['sync:status']({})).rejectedActions).toBe(0);
  });

  it('asks before sending a reply written before the newest inbound message was seen', async () => {
    const rep = await signedIn('rep06@northwind.example'); // Billing & Accounts, where new customers land
    const from = '+1 415 555 0177';
    const { conversationId } = await postInbound(server, 'Was I charged twice?', from);
    await settled(rep);
    const seen = (await rep.handlers['inbox:get']({ conversationId })).messages.at(-1)?.id ?? null;
    const arrived = nextEvent(rep, 'inbox:changed', (e) => e.conversationIds.includes(conversationId));
    await postInbound(server, 'Actually it was three times', from);
    await arrived;
    await settled(rep);

    const stale = await dispatchCall(rep.handlers, 'reply:send', {
      conversationId,
      body: 'One charge was refunded.',
      seenMessageId: seen,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale_view' } });
    if (stale.ok) throw new Error('sent unexpectedly');
    expect(stale.error.message).toContain('Actually it was three times');
    expect((await rep.handlers['sync:status']({})).pendingActions).toBe(0);

    const sent = await rep.handlers['reply:send']({
      conversationId,
      body: 'One charge was refunded.',
      seenMessageId: seen,
      confirmStale: true,
    });
    await settled(rep);
    expect(
      await serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [sent.clientId]),
    ).toBe(1);
  });

  it("asks too when the newest message seen is the rep's own reply, shown as pending after the server's copy replaced it", async () => {
    const rep = await signedIn('rep06@northwind.example');
    const from = '+1 415 555 0178';
    const { conversationId } = await postInbound(server, 'Can I change my address?', from);
    await settled(rep);
    const reply = await rep.handlers['reply:send']({ conversationId, body: 'Yes, which one?' });
    // The window still shows the pending copy; the cache now holds the server's copy instead.
    const pending = reply.id;
    await settled(rep);
    const messages = (await rep.handlers['inbox:get']({ conversationId })).messages;
    expect(messages.map((message) => message.id)).not.toContain(pending);
    expect(messages.filter((message) => message.clientId === reply.clientId)).toHaveLength(1);

    const arrived = nextEvent(rep, 'inbox:changed', (e) => e.conversationIds.includes(conversationId));
    await postInbound(server, 'It is 12 Elm St', from);
    await arrived;
    await settled(rep);
    const stale = await dispatchCall(rep.handlers, 'reply:send', {
      conversationId,
      body: 'Changed.',
      seenMessageId: pending,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale_view' } });
    if (stale.ok) throw new Error('sent unexpectedly');
    expect(stale.error.message).toContain('It is 12 Elm St');
  });

  it("keeps what a rep did with the suggestions offered for a reply, on the server and in a teammate's cache", async () => {
    const rep = await signedIn(REP);
    const teammate = await signedIn(REP02);
    const conversationId = await ordersConversation(rep);
    const reply = await rep.handlers['reply:send']({ conversationId, body: 'It left today.', suggestion: 'edited' });
    expect(reply.suggestion).toBe('edited');
    const seen = nextEvent(teammate, 'inbox:changed', (e) => e.conversationIds.includes(conversationId));
    await settled(rep);
    expect(await server.sql.query('select suggestion from messages where client_id = $1', [reply.clientId])).toEqual([
      { suggestion: 'edited' },
    ]);
    await seen;
    await settled(teammate);
    const theirs = (await teammate.handlers['inbox:get']({ conversationId })).messages;
    expect(theirs.filter((message) => message.clientId === reply.clientId).map((m) => m.suggestion)).toEqual([
      'edited',
    ]);
  });

  it('shows who else is viewing and typing in a conversation, and when they leave', async () => {
    const rep = await signedIn(REP);
    const teammate = await signedIn(REP02);
    const conversationId = await ordersConversation(rep);
    const sees = (match: (view: PresenceView) => boolean) => nextEvent(teammate, 'presence:changed', match);

    const viewing = sees((v) => v.reps.some((r) => r.userId === 'user-rep01' && r.viewing.includes(conversationId)));
    await rep.handlers['presence:set']({ status: 'online', viewing: conversationId, typing: false });
    const first = await viewing;
    expect(first.reps.find((r) => r.userId === 'user-rep01')).toMatchObject({ status: 'online', typing: [] });
    expect(first.reps.some((r) => r.userId === 'user-rep02')).toBe(false);

    const typing = sees((v) => v.reps.some((r) => r.userId === 'user-rep01' && r.typing.includes(conversationId)));
    await rep.handlers['presence:set']({ status: 'online', viewing: conversationId, typing: true });
    await typing;

    const away = sees((v) => v.reps.some((r) => r.userId === 'user-rep01' && r.status === 'away'));
    await rep.handlers['presence:set']({ status: 'away', viewing: null, typing: false });
    await away;
    expect((await teammate.handlers['presence:get']({})).reps.find((r) => r.userId === 'user-rep01')?.viewing).toEqual(
      [],
    );

    // A late joiner learns the current presence from the server's list.
    await rep.handlers['presence:set']({ status: 'online', viewing: conversationId, typing: false });
    const late = await signedIn('lead01@northwind.example');
    const listed = (view: PresenceView) =>
      view.reps.some((r) => r.userId === 'user-rep01' && r.viewing.includes(conversationId));
    if (!listed(await late.handlers['presence:get']({}))) await nextEvent(late, 'presence:changed', listed);

    const gone = sees((v) => !v.reps.some((r) => r.userId === 'user-rep01'));
    await rep.close();
    await gone;
  });
});
