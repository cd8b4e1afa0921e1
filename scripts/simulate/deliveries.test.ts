import { describe, expect, it } from 'vitest';
import { storeCounts, TEST_SECRETS, webhookServer } from '../../server/channels/testing';
import { delivery, KINDS, signable } from './deliveries';
import type { Delivery } from './deliveries';
import { crowd, traffic } from './traffic';
import type { Next } from './traffic';

const server = webhookServer();
const post = (item: Delivery) =>
  fetch(new URL(item.path, server.url), { method: 'POST', headers: item.headers, body: item.body });
const messages = async () => ((await storeCounts(server.sql)) as { messages: number }).messages;
const [person] = crowd(1, 7);
if (!person) throw new Error('the crowd is empty');

describe('simulated deliveries', () => {
  it('signs every kind with a full set of secrets', () => {
    expect(signable(TEST_SECRETS)).toEqual([...KINDS]);
    expect(signable({ metaAppSecret: 'meta', metaVerifyToken: 'verify' })).toEqual(['meta-whatsapp', 'meta-messenger']);
    expect(signable({ metaAppSecret: 'meta' })).toEqual([]);
  });

  it.each(KINDS.filter((kind) => kind !== 'twilio-status'))(
    '%s is accepted and stored as one message',
    async (kind) => {
      const before = await messages();
      const res = await post(delivery(kind, person, `Where is my order? (${kind})`, TEST_SECRETS, Date.now()));
      expect(res.ok).toBe(true);
      expect(await messages()).toBe(before + 1);
    },
  );

  it('a status callback for a message the server never sent is acknowledged and stores nothing', async () => {
    const before = await messages();
    const res = await post(delivery('twilio-status', person, '', TEST_SECRETS, Date.now()));
    expect(res.ok).toBe(true);
    expect(await messages()).toBe(before);
  });

  it('a delivery signed with another secret is refused', async () => {
    const forged = delivery('meta-messenger', person, 'Hello', { ...TEST_SECRETS, metaAppSecret: 'wrong' }, Date.now());
    expect((await post(forged)).status).toBe(403);
  });

  it('the stream repeats from a seed and keeps to the kinds it may sign', () => {
    const take = (seed: number): Next[] => {
      const stream = traffic(crowd(10, seed), ['x-dm', 'postmark'], seed);
      const taken: Next[] = [];
      for (const next of stream) {
        taken.push(next);
        if (taken.length === 20) break;
      }
      return taken;
    };
    expect(take(3)).toEqual(take(3));
    expect(take(3)).toHaveLength(20);
    expect(new Set(take(3).map((next) => next.kind))).toEqual(new Set(['x-dm', 'postmark']));
  });
});
