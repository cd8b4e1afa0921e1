import { describe, expect, it } from 'vitest';
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
