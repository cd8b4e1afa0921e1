import { describe, expect, it } from 'vitest';
import { storeCounts, TEST_SECRETS, webhookServer } from '../../server/channels/testing';
import { delivery, KINDS, signable } from './deliveries';
import type { Delivery } from './deliveries';
import { insertChannelAccount } from '../../server/db/channel-accounts';
import { crowd, traffic } from './traffic';
import { webchatVisitors } from './webchat';
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

  it('a shopper on the web chat is one visitor however often they write; an unknown widget is said so', async () => {
    const [team] = await server.sql.query<{ id: string }>('select id from teams order by created_at limit 1');
    await insertChannelAccount(
      server.sql,
      { id: 'sim-webchat', channel: 'webchat', account: 'sim-shop', displayName: 'Shop', teamId: team?.id ?? '' },
      Date.now(),
    );
    const visitors = webchatVisitors(server.url, 'sim-shop');
    try {
      const before = await messages();
      expect(await visitors.send(person, 'Where is my order?')).toEqual({ status: 200, text: '' });
      expect(await visitors.send(person, 'Any news?')).toEqual({ status: 200, text: '' });
      expect(await messages()).toBe(before + 2);
      const identities = await server.sql.query("select value from identities where kind = 'webchat'");
      expect(identities).toHaveLength(1);
    } finally {
      visitors.close();
    }
    const nobody = webchatVisitors(server.url, 'no-shop');
    expect(await nobody.send(person, 'Hello')).toEqual({
      status: 404,
      text: 'This chat is not set up: Caredesk has no web-chat widget "no-shop".',
    });
    nobody.close();
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
