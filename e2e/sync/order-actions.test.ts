// Order actions from an engine to the real server: refused at once when the server would refuse
// them, queued in the outbox while offline, applied when the connection returns.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/domain';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { nextEvent } from '../../electron/services/testing/events';
import { upsertOrder } from '../../server/db/customers';
import { testOrder } from '../../server/db/testing';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, REP, settled, signedInEngine } from './support';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 20 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

/** An open conversation of rep01's team and a fresh order of its customer: two socks at 20.00, captured. */
async function conversationWithOrder(): Promise<{ conversationId: string; order: Order }> {
  const [row] = await server.sql.query<{ id: string; customer_id: string }>(
    `select id, customer_id from conversations where team_id = 'team-orders' and status = 'open' order by id limit 1`,
  );
  if (!row) throw new Error('no open Orders & Delivery conversation');
  const stamp = String(Date.now()).slice(-6);
  const order = testOrder(
    {
      id: `acted-${stamp}`,
      customerId: row.customer_id,
      number: `#9${stamp}`,
      subtotalCents: 4000,
      totalCents: 4000,
      lineItems: [{ sku: 'SOCK', title: 'Trail Sock', quantity: 2, unitPriceCents: 2000 }],
      payments: [
        { id: `pay-${stamp}`, method: 'card', amountCents: 4000, status: 'captured', processedAt: Date.now() },
      ],
    },
    Date.now(),
    `1Z${stamp}`,
  );
  await upsertOrder(server.sql, order, Date.now());
  return { conversationId: row.id, order };
}

const storedOrder = async (id: string) =>
  (await server.sql.query<{ doc: Order }>('select doc from orders where id = $1', [id]))[0]?.doc;

describe('order actions from an engine', () => {
  it('refuses a refund beyond what is refundable before queuing it', async () => {
    const { conversationId, order } = await conversationWithOrder();
    const rep = await signedInEngine(cleanups, server.url, REP);
    const outboxSize = () => rep.db.prepare('SELECT count(*) FROM outbox').pluck().get();
    const before = outboxSize();
    const refund = { type: 'refundOrder', conversationId, orderId: order.id, reason: 'damaged' } as const;

    expect(
      await dispatchCall(rep.handlers, 'conversation:act', { ...refund, lines: [{ sku: 'SOCK', quantity: 3 }] }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `Only 2 of SOCK on ${order.number} can be refunded; you asked for 3.` },
    });
    expect(
      await dispatchCall(rep.handlers, 'conversation:act', { ...refund, orderId: 'an-order-of-nobody' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(outboxSize()).toBe(before);
    expect((await storedOrder(order.id))?.refunds).toEqual([]);
  });

  it('queues a refund made offline, shows its note at once, and sends it when the server is back', async () => {
    const { conversationId, order } = await conversationWithOrder();
    const rep = await signedInEngine(cleanups, server.url, REP);
    await settled(rep);
    const offline = nextEvent(rep, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;

    const { actionId } = await rep.handlers['conversation:act']({
      type: 'refundOrder',
      conversationId,
      orderId: order.id,
      lines: [{ sku: 'SOCK', quantity: 1 }],
      reason: 'damaged',
      note: 'box crushed',
    });
    const words = `Refunded $20.00 (1 × SOCK) on ${order.number} — Damaged in transit: box crushed`;
    const local = await rep.handlers['inbox:get']({ conversationId });
    expect(local.notes.filter((note) => note.clientId === actionId)).toMatchObject([{ body: words, pending: true }]);
    expect((await rep.handlers['sync:status']({})).pendingActions).toBe(1);
    expect((await storedOrder(order.id))?.refunds).toEqual([]);

    await server.start();
    await settled(rep);
    const stored = await storedOrder(order.id);
    expect(stored?.refunds).toMatchObject([{ amountCents: 2000, lines: [{ sku: 'SOCK', quantity: 1 }] }]);
    const synced = await rep.handlers['inbox:get']({ conversationId });
    expect(synced.orders.find((o) => o.id === order.id)?.refunds).toMatchObject([{ amountCents: 2000 }]);
    expect(synced.notes.filter((note) => note.clientId === actionId)).toMatchObject([{ body: words, pending: false }]);
    expect(await rep.handlers['outbox:rejected']({})).toEqual([]);
  });
});
