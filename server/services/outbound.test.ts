import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain/entities';
import { hashPassword } from '../auth/password';
import { DEFAULT_OUTBOUND } from '../channels/outbound';
import type { ChannelSender } from '../channels/outbound';
import { dropEarlyStatuses } from '../db/early-statuses';
import { startProviderDouble } from '../channels/provider-double';
import type { ProviderDouble } from '../channels/provider-double';
import { createTeam, createUser } from '../db/accounts';
import { insertIdentityFor } from '../db/customers';
import { claimDueSends } from '../db/outbound';
import type { Database } from '../db/sql';
import { testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { applyAction } from './actions/apply';
import { applyDeliveryStatus, EARLY_STATUS_TTL_MS, HELD_EARLY } from './delivery-status';
import { receiveInbound } from './inbound';
import { INTERRUPTED, sendDueReplies } from './outbound';
import type { OutboundOptions } from './outbound';

const NOW = 1_800_000_000_000;
const SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

describe.each(testBackends)('the reply send queue on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User;
  let double: ProviderDouble;
  let options: OutboundOptions;
  let sent = 0;
  let seq = 0;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    const password = await hashPassword('pw');
    alice = await createUser(
      db,
      { id: 'alice', name: 'Alice', email: 'alice@example.com', role: 'rep', teamIds: ['a'], password },
      NOW,
    );
    // Each accepted message gets its own sid, as Twilio's do.
    double = await startProviderDouble(() => ({ status: 201, body: { sid: `SM${String(++sent).padStart(32, '0')}` } }));
    options = {
      config: { ...DEFAULT_OUTBOUND, twilioApiUrl: double.url, twilioAccountSid: SID, twilioAuthToken: 'token' },
      backoffMs: 1_000,
      maxAttempts: 3,
      leaseMs: 60_000,
    };
  });
  afterAll(async () => {
    await double.close();
    await handle.dispose();
  });

  /** A customer's SMS to the brand's number, and Alice's reply to it (queued: a provider sends SMS). */
  async function replyToNewCustomer(phone: string, at = NOW): Promise<string> {
    const { conversationId } = await receiveInbound(
      db,
      {
        channel: 'sms',
        from: phone,
        body: 'Where is my parcel?',
        account: '+14155550100',
        providerMessageId: `SMin-${phone}`,
      },
      at,
      'a',
    );
    const outcome = await applyAction(
      db,
      alice,
      {
        id: `reply-${++seq}`,
        action: { type: 'reply', conversationId, seenAssigneeId: null, body: `It is on its way (${seq}).` },
      },
      at,
      undefined,
      (channel) => channel === 'sms',
    );
    const message = outcome.result.message;
    if (!message) throw new Error('the reply stored no message');
    expect(message.status).toBe('pending');
    return message.id;
  }

  const stored = async (messageId: string) =>
    (
      await db.query<{
        status: string;
        provider_message_id: string | null;
        status_error_code: string | null;
        status_error: string | null;
      }>('select status, provider_message_id, status_error_code, status_error from messages where id = $1', [messageId])
    )[0];
  const job = async (messageId: string) =>
    (
      await db.query<{ state: string; attempts: number }>(
        'select state, attempts from outbound_sends where message_id = $1',
        [messageId],
      )
    )[0];
  const requestsTo = (phone: string) =>
    double.received.filter((request) => new URLSearchParams(request.body).get('To') === phone);

  it('sends a queued reply once, to the customer from the number they wrote to, and its statuses follow', async () => {
    const id = await replyToNewCustomer('+14155550123');
    expect(await job(id)).toEqual({ state: 'queued', attempts: 0 });

    const appended = await sendDueReplies(db, options, () => NOW + 10);
    expect(appended).toHaveLength(1);
    const [request] = requestsTo('+14155550123');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: '+14155550123',
      From: '+14155550100',
      Body: expect.stringContaining('It is on its way') as string,
    });
    const after = await stored(id);
    expect(after).toMatchObject({ status: 'sent', status_error: null });
    expect(after?.provider_message_id).toMatch(/^SM\d{32}$/);
    expect(await job(id)).toBeUndefined();
    const changes = await db.query<{ payload: { id: string; status: string } }>(
      `select payload from changes where entity_id = $1 order by seq`,
      [id],
    );
    expect(changes.map((row) => row.payload.status)).toEqual(['pending', 'sent']);

    // Another pass sends nothing again; the status callback finds the reply by the provider's id.
    await sendDueReplies(db, options, () => NOW + 5_000);
    expect(requestsTo('+14155550123')).toHaveLength(1);
    const status = await applyDeliveryStatus(
      db,
      {
        channel: 'sms',
        providerMessageId: after?.provider_message_id ?? '',
        status: 'delivered',
        at: null,
        error: null,
      },
      NOW + 6_000,
    );
    expect(status.skipped).toBeNull();
    expect((await stored(id))?.status).toBe('delivered');
  });

  it('applies a status the provider reported before its answer to the send arrived, and drops one nobody claims', async () => {
    const id = await replyToNewCustomer('+14155550124');
    const at = NOW + 10;
    // The provider's status callback for the message wins the race against its answer to the send.
    const racing: ChannelSender = {
      name: 'racing',
      carries: (channel) => channel === 'sms',
      unconfigured: () => null,
      send: async () => {
        const early = await applyDeliveryStatus(
          db,
          { channel: 'sms', providerMessageId: 'SMracing', status: 'delivered', at: null, error: null },
          at,
        );
        expect(early.skipped).toBe(HELD_EARLY);
        // A later report of less progress does not replace it.
        await applyDeliveryStatus(
          db,
          { channel: 'sms', providerMessageId: 'SMracing', status: 'sent', at: null, error: null },
          at,
        );
        return { ok: true, providerMessageId: 'SMracing' };
      },
    };
    await sendDueReplies(db, { ...options, senders: [racing] }, () => at);
    expect(await stored(id)).toMatchObject({ status: 'delivered', provider_message_id: 'SMracing' });
    const changes = await db.query<{ payload: { status: string } }>(
      'select payload from changes where entity_id = $1 order by seq',
      [id],
    );
    expect(changes.map((row) => row.payload.status)).toEqual(['pending', 'delivered']);
    expect(await db.query("select * from early_statuses where provider_message_id = 'SMracing'")).toEqual([]);

    // A report for a message Caredesk never sent waits a day, then goes.
    await applyDeliveryStatus(
      db,
      { channel: 'sms', providerMessageId: 'SMnobody', status: 'read', at: null, error: null },
      at,
    );
    expect(await dropEarlyStatuses(db, at)).toBe(0);
    expect(await dropEarlyStatuses(db, at + EARLY_STATUS_TTL_MS + 1)).toBe(1);
  });

  it('answers the number the customer last wrote from, not the one linked to them last', async () => {
    const [first, second] = ['+14155550131', '+14155550132'];
    const { conversationId } = await receiveInbound(
      db,
      { channel: 'sms', from: first, body: 'Is it shipped?', account: '+14155550100', providerMessageId: 'SMin-131' },
      NOW,
      'a',
    );
    const [{ customer_id: customerId } = { customer_id: '' }] = await db.query<{ customer_id: string }>(
      'select customer_id from conversations where id = $1',
      [conversationId],
    );
    // A second number of theirs, linked after the message came.
    await db.transaction((tx) =>
      insertIdentityFor(tx, {
        id: 'identity-132',
        customerId,
        kind: 'phone',
        channel: 'sms',
        value: second,
        display: second,
        linkedBy: 'lena',
        linkedAt: NOW + 1_000,
        evidence: 'Told us on the phone',
      }),
    );
    const reply = async (n: number, at: number) => {
      await applyAction(
        db,
        alice,
        {
          id: `reply-sender-${n}`,
          action: { type: 'reply', conversationId, seenAssigneeId: null, body: `Yes (${n})` },
        },
        at,
        undefined,
        (channel) => channel === 'sms',
      );
      await sendDueReplies(db, options, () => at + 10);
    };
    await reply(1, NOW + 2_000);
    expect(requestsTo(first).map((r) => new URLSearchParams(r.body).get('Body'))).toEqual(['Yes (1)']);
    expect(requestsTo(second)).toEqual([]);

    // They write again from the second number: the next reply goes there.
    await receiveInbound(
      db,
      {
        channel: 'sms',
        from: second,
        body: 'This is my new phone',
        account: '+14155550100',
        providerMessageId: 'SMin-132',
      },
      NOW + 3_000,
      'a',
    );
    await reply(2, NOW + 4_000);
    expect(requestsTo(second).map((r) => new URLSearchParams(r.body).get('Body'))).toEqual(['Yes (2)']);
  });

  it('retries a retryable failure after its backoff, then sends it', async () => {
    const id = await replyToNewCustomer('+14155550124');
    double.queue({ status: 503, body: { code: 20500, message: 'Internal Server Error' } });
    expect(await sendDueReplies(db, options, () => NOW + 10)).toEqual([]);
    expect(await stored(id)).toMatchObject({ status: 'pending', provider_message_id: null });
    expect(await job(id)).toEqual({ state: 'queued', attempts: 1 });
    // Not due before its backoff (1 s).
    await sendDueReplies(db, options, () => NOW + 500);
    expect(requestsTo('+14155550124')).toHaveLength(1);
    await sendDueReplies(db, options, () => NOW + 1_010);
    expect(requestsTo('+14155550124')).toHaveLength(2);
    expect((await stored(id))?.status).toBe('sent');
  });

  it('a permanent failure fails the reply with the provider’s code and words', async () => {
    const id = await replyToNewCustomer('+14155550125');
    double.queue({ status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient' } });
    const appended = await sendDueReplies(db, options, () => NOW + 10);
    expect(appended).toHaveLength(1);
    expect(await stored(id)).toEqual({
      status: 'failed',
      provider_message_id: null,
      status_error_code: '21610',
      status_error: 'Attempt to send to unsubscribed recipient',
    });
    expect(await job(id)).toBeUndefined();
  });

  it('a rep retries a failed reply: it is queued again, its reason dropped, and sent', async () => {
    const id = await replyToNewCustomer('+14155550130');
    double.queue({ status: 400, body: { code: 30007, message: 'Message filtered' } });
    await sendDueReplies(db, options, () => NOW + 10);
    const failed = await db.query<{ payload: { status: string; statusError?: unknown } }>(
      `select payload from changes where entity_id = $1 order by seq desc limit 1`,
      [id],
    );
    // The reason travels with the failed message (protocol 9).
    expect(failed[0]?.payload).toMatchObject({
      status: 'failed',
      statusError: { code: '30007', text: 'Message filtered' },
    });
    const conversationId =
      (await db.query<{ conversation_id: string }>('select conversation_id from messages where id = $1', [id]))[0]
        ?.conversation_id ?? '';
    const retry = (actionId: string) =>
      applyAction(
        db,
        alice,
        { id: actionId, action: { type: 'retry', conversationId, seenAssigneeId: null, messageId: id } },
        NOW + 20,
      );
    const retried = await retry('retry-1-of-30');
    expect(retried.result.message).toMatchObject({ id, status: 'pending' });
    expect(await stored(id)).toEqual({
      status: 'pending',
      provider_message_id: null,
      status_error_code: null,
      status_error: null,
    });
    expect(await job(id)).toEqual({ state: 'queued', attempts: 0 });
    await sendDueReplies(db, options, () => NOW + 30);
    expect(requestsTo('+14155550130')).toHaveLength(2);
    expect((await stored(id))?.status).toBe('sent');
    // Only a failed reply is sent again.
    await expect(retry('retry-2-of-30')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(requestsTo('+14155550130')).toHaveLength(2);
  });

  it('gives up after the last attempt, keeping the last reason', async () => {
    const id = await replyToNewCustomer('+14155550126');
    const busy = { status: 429, body: { code: 20429, message: 'Too Many Requests' } };
    double.queue(busy, busy, busy);
    for (const at of [NOW, NOW + 10_000, NOW + 20_000]) await sendDueReplies(db, options, () => at);
    expect(requestsTo('+14155550126')).toHaveLength(3);
    expect(await stored(id)).toMatchObject({ status: 'failed', status_error_code: '20429' });
  });

  it('after a restart, a queued reply is sent exactly once; one cut off mid-send is never sent again', async () => {
    const queued = await replyToNewCustomer('+14155550127');
    const cut = await replyToNewCustomer('+14155550128');
    // A process claimed `cut` and stopped before it could say how the send went.
    const claimed = await db.transaction((tx) =>
      tx.query<{ message_id: string }>(
        `update outbound_sends set state = 'sending', claimed_at = $2, attempts = 1 where message_id = $1 returning message_id`,
        [cut, NOW],
      ),
    );
    expect(claimed).toHaveLength(1);

    // The restarted process: before the claim's lease runs out, `cut` is left alone.
    await sendDueReplies(db, options, () => NOW + 1_000);
    expect(requestsTo('+14155550127')).toHaveLength(1);
    expect(requestsTo('+14155550128')).toHaveLength(0);
    expect((await stored(cut))?.status).toBe('pending');
    // After it, `cut` fails with a reason the rep can act on; nothing is sent again.
    await sendDueReplies(db, options, () => NOW + 61_001);
    await sendDueReplies(db, options, () => NOW + 120_000);
    expect(requestsTo('+14155550127')).toHaveLength(1);
    expect(requestsTo('+14155550128')).toHaveLength(0);
    expect(await stored(cut)).toMatchObject({ status: 'failed', status_error_code: INTERRUPTED.code });
    expect((await stored(queued))?.status).toBe('sent');
  });

  it('a job whose reply already has a provider id is released without sending', async () => {
    const id = await replyToNewCustomer('+14155550129');
    await db.query(`update messages set provider_message_id = 'SMalready' where id = $1`, [id]);
    await sendDueReplies(db, options, () => NOW + 10);
    expect(requestsTo('+14155550129')).toHaveLength(0);
    expect(await job(id)).toBeUndefined();
  });

  it('two processes draining one queue send each reply once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await replyToNewCustomer(`+1415555014${i}`));
    const before = double.received.length;
    // Claims are taken with `for update skip locked`: concurrent passes never take the same job.
    const claimsA = claimDueSends(db, NOW + 10, 5);
    const claimsB = claimDueSends(db, NOW + 10, 5);
    const [a, b] = await Promise.all([claimsA, claimsB]);
    const claimedIds = [...a, ...b].map((claim) => claim.messageId);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    expect(claimedIds.sort()).toEqual([...ids].sort());
    await db.query(`update outbound_sends set state = 'queued', claimed_at = null where message_id = any($1::text[])`, [
      ids,
    ]);

    await Promise.all([
      sendDueReplies(db, options, () => NOW + 10, 3),
      sendDueReplies(db, options, () => NOW + 10, 3),
      sendDueReplies(db, options, () => NOW + 10, 3),
    ]);
    const to = double.received.slice(before).map((request) => new URLSearchParams(request.body).get('To'));
    expect(to).toHaveLength(8);
    expect(new Set(to).size).toBe(8);
    const statuses = await db.query<{ status: string }>('select status from messages where id = any($1::text[])', [
      ids,
    ]);
    expect(statuses.every((row) => row.status === 'sent')).toBe(true);
  });
});

describe.each(testBackends)('replies on a channel without a provider on $kind', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle.dispose());

  it('are marked sent as stored and queue nothing (a demo)', async () => {
    const db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    const password = await hashPassword('pw');
    const bob = await createUser(
      db,
      { id: 'bob', name: 'Bob', email: 'bob@example.com', role: 'rep', teamIds: ['a'], password },
      NOW,
    );
    const { conversationId } = await receiveInbound(db, { channel: 'sms', from: '+14155550199', body: 'Hi' }, NOW, 'a');
    const outcome = await applyAction(
      db,
      bob,
      { id: 'r1', action: { type: 'reply', conversationId, seenAssigneeId: null, body: 'Hello' } },
      NOW,
      undefined,
      () => false,
    );
    expect(outcome.result.message?.status).toBe('sent');
    expect(await db.query('select * from outbound_sends')).toEqual([]);
  });
});
