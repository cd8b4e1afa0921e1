import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../../shared/api';
import type { Shipment } from '../../../shared/domain';
import { applyChanges } from '../db/changes';
import { createMemorySecretStore } from '../session/secret-store';
import { changes, conversation, customer, message, order, team, user } from '../testing/fixtures';
import { markSignedIn } from '../testing/signed-in';
import { dispatchCall } from './dispatch';
import { createEngine, type Engine } from './engine';

const NOW = Date.UTC(2026, 11, 6, 10, 0); // Sun 6 Dec 2026
const DAY = 86_400_000;
const SERVER = 'http://127.0.0.1:9';

const ups: Shipment = {
  id: 'sh1',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
  status: 'in_transit',
  shippedAt: NOW - 2 * DAY,
  estimatedDelivery: NOW + 2 * DAY,
  deliveredAt: null,
  events: [{ at: NOW - DAY, status: 'in_transit', location: 'Sacramento, CA', description: 'Departed facility' }],
};

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-suggest-'));
  const secretStore = createMemorySecretStore();
  engine = await createEngine({
    dataDir: dir,
    serverUrl: SERVER,
    secretStore,
    clock: () => NOW,
    // Nothing listens on port 9: the engine answers from its cache while the sync retries.
    log: () => {},
  });
  const db = engine.db;
  await markSignedIn(db, secretStore, SERVER, 'u1');
  applyChanges(
    db,
    changes(
      team('t1'),
      user('u1'),
      customer('cu1', { name: 'Maya Lopez' }),
      customer('cu2', { name: 'Sam Okafor' }),
      order('1042', { customerId: 'cu1', placedAt: NOW - 4 * DAY, shipments: [ups] }),
      order('1001', {
        customerId: 'cu1',
        placedAt: NOW - 40 * DAY,
        lineItems: [{ sku: 'MUG-2', title: 'Stoneware Mug', quantity: 2, unitPriceCents: 1_200 }],
      }),
      order('2077', { customerId: 'cu2', placedAt: NOW - 3 * DAY }),
      conversation('c1', { customerId: 'cu1', channel: 'x' }),
      message('m1', {
        conversationId: 'c1',
        body: 'where is my order #1042?? tracking hasnt moved',
        createdAt: NOW - 3_600_000,
      }),
      conversation('c2', { customerId: 'cu1', channel: 'email' }),
      message('m2', {
        conversationId: 'c2',
        direction: 'inbound',
        body: 'Hi, the kettle arrived broken',
        createdAt: NOW - 60_000,
      }),
      conversation('c3', { customerId: 'cu1', channel: 'sms' }),
      message('m3', { conversationId: 'c3', direction: 'outbound', authorId: 'u1', body: 'Hello!', status: 'sent' }),
    ),
  );
  await engine.start();
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function forConversation(conversationId: string) {
  const result = await dispatchCall(engine.handlers, 'suggestions:forConversation', { conversationId });
  if (!result.ok) throw new Error(result.error.message);
  return apiCalls['suggestions:forConversation'].output.parse(result.value);
}

describe('suggestions:forConversation', () => {
  it('reads the latest inbound message and answers it from the customer’s record in the cache', async () => {
    const result = await forConversation('c1');
    expect(result.analysis).toMatchObject({
      messageId: 'm1',
      language: 'en',
      order: { id: '1042', number: '#1042', why: 'named' },
      entities: { orderNumbers: [{ text: 'order #1042', digits: '1042' }] },
    });
    expect(['order_status', 'delivery_problem']).toContain(result.analysis?.intent);
    const best = result.suggestions[0];
    expect(best).toMatchObject({ rank: 1, sendable: true, problems: [] });
    expect(best?.text.length).toBeLessThanOrEqual(280);
    expect(best?.text).toContain('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(best?.facts).toContainEqual({ kind: 'order_number', value: '#1042', source: 'orders[0].number' });
    // Sam's order #2077 is in the cache too, and never in Maya's suggestions.
    expect(result.suggestions.some((s) => s.text.includes('2077'))).toBe(false);
  });

  it('writes in the channel’s register and matches the product the customer names', async () => {
    const result = await forConversation('c2');
    expect(result.analysis?.intent).toBe('damaged_or_wrong_item');
    expect(result.analysis?.entities.products).toEqual([{ title: 'Kettle', orderNumber: '#1042' }]);
    expect(result.analysis?.order).toMatchObject({ number: '#1042', why: 'product' });
    for (const suggestion of result.suggestions) {
      expect(suggestion.text).toMatch(/^Hi Maya,\n\n/);
      expect(suggestion.sendable).toBe(true);
    }
  });

  it('has nothing to answer without an inbound message, and refuses a conversation not in the cache', async () => {
    expect(await forConversation('c3')).toEqual({
      conversationId: 'c3',
      analysis: null,
      suggestions: [],
      assist: 'off',
      phrasingNote: null,
    });
    expect(
      await dispatchCall(engine.handlers, 'suggestions:forConversation', { conversationId: 'nope' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
