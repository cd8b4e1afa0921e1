import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { PullAck, SYNC_PROTOCOL_VERSION, SyncEvents } from '../../shared/sync/protocol';
import type { PokePayload } from '../../shared/sync/protocol';
import { DEMO_TEAMS } from '../demo/generate';
import { listTeams } from '../db/accounts';
import { insertChannelAccount } from '../db/channel-accounts';
import { FORM, post, sign, storedMessages, webhookServer } from './testing';

const SMS = '/webhooks/twilio/sms';

function inbound(sid: string, from: string, to: string): string {
  return new URLSearchParams({
    MessageSid: sid,
    From: from,
    To: to,
    Body: 'Is my order on its way?',
    NumMedia: '0',
  }).toString();
}

describe('an inbound message is routed by the channel account it reached', () => {
  const server = webhookServer();

  async function deliver(sid: string, from: string, to: string) {
    const body = inbound(sid, from, to);
    const response = await post(server.url, SMS, body, {
      'content-type': FORM,
      'x-twilio-signature': sign.twilio(SMS, body),
    });
    expect(response.status).toBe(200);
    const [stored] = await storedMessages(server.sql, 'sms', sid);
    const rows = await server.sql.query<{ channel_account_id: string | null }>(
      `select c.channel_account_id from conversations c join messages m on m.conversation_id = c.id
       where m.provider_message_id = $1`,
      [sid],
    );
    return { teamId: stored?.team_id, channelAccountId: rows[0]?.channel_account_id };
  }

  it("opens the conversation in the account's team and records the account; an unknown account goes to the first team", async () => {
    const teams = await listTeams(server.sql);
    const [first, second] = teams;
    if (!first || !second) throw new Error('the demo organisation has fewer than two teams');
    await insertChannelAccount(
      server.sql,
      { id: 'returns-line', channel: 'sms', account: '+14155550111', displayName: 'Returns line', teamId: second.id },
      Date.now(),
    );

    expect(await deliver('SMrouted0000000000000000000000000001', '+14155550181', '+14155550111')).toEqual({
      teamId: second.id,
      channelAccountId: 'returns-line',
    });
    expect(await deliver('SMunrouted00000000000000000000000001', '+14155550182', '+14155550999')).toEqual({
      teamId: first.id,
      channelAccountId: null,
    });
  });
});

describe('a stored webhook message reaches connected engines', () => {
  const server = webhookServer();

  it("pokes the team's sockets, and the pull from the cursor before it returns the message", async () => {
    await insertChannelAccount(
      server.sql,
      {
        id: 'orders-line',
        channel: 'sms',
        account: '+14155550122',
        displayName: 'Orders line',
        teamId: DEMO_TEAMS.orders.id,
      },
      Date.now(),
    );
    const { token } = await server.signIn('lead01@northwind.example');
    const socket = connect(server.url, {
      auth: { token, protocol: SYNC_PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      // A first pull returns once the socket's team rooms are subscribed, so the poke cannot be missed.
      const head = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor: 0, limit: 1 }));
      if (!head.ok) throw new Error(head.error.message);
      const latest = await server.sql.query<{ seq: number }>('select max(seq)::int as seq from changes');
      const cursor = latest[0]?.seq ?? 0;
      const poked = new Promise<PokePayload>((resolve) => socket.once(SyncEvents.poke, resolve));

      const body = inbound('SMpoke00000000000000000000000000001', '+14155550183', '+14155550122');
      const response = await post(server.url, SMS, body, {
        'content-type': FORM,
        'x-twilio-signature': sign.twilio(SMS, body),
      });
      expect(response.status).toBe(200);
      expect((await poked).seq).toBeGreaterThan(cursor);

      const pulled = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor, limit: 100 }));
      if (!pulled.ok) throw new Error(pulled.error.message);
      expect(pulled.value.changes).toContainEqual(
        expect.objectContaining({
          kind: 'message',
          data: expect.objectContaining({ body: 'Is my order on its way?', direction: 'inbound' }) as unknown,
        }),
      );
    } finally {
      socket.disconnect();
    }
  });
});
