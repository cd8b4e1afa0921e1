import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from '../channels/outbound';
import { startProviderDouble } from '../channels/provider-double';
import type { ProviderDouble } from '../channels/provider-double';
import { getUser } from '../db/accounts';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';
import { applyAction } from './actions/apply';
import { receiveInbound } from './inbound';

/** The send queue as the server runs it: started with the server, stopped with it, and resumed by the next start. */
describe('the server’s reply send queue across a restart', () => {
  let double: ProviderDouble;
  let server: TestServer;
  let accepted = 0;

  beforeAll(async () => {
    double = await startProviderDouble(() => ({ status: 201, body: { sid: `SMrestart${++accepted}` } }));
    server = await startTestServer({
      demoConversations: 0,
      outbound: {
        config: { ...DEFAULT_OUTBOUND, twilioApiUrl: double.url, twilioAccountSid: 'AC1', twilioAuthToken: 'token' },
        intervalMs: 50,
        backoffMs: 300,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await double?.close();
  });

  it('a reply whose first attempt failed is sent once by the restarted server', async () => {
    const { sql } = server;
    const team = (await sql.query<{ id: string }>('select id from teams order by created_at limit 1'))[0]?.id ?? '';
    const rep = await getUser(
      sql,
      (await sql.query<{ id: string }>(`select id from users where role = 'rep' limit 1`))[0]?.id ?? '',
    );
    if (!rep) throw new Error('the demo organisation has no rep');
    const { conversationId } = await receiveInbound(
      sql,
      { channel: 'sms', from: '+14155550150', body: 'Hello?', account: '+14155550100' },
      Date.now(),
      team,
    );
    // The provider is down for the first attempt.
    double.queue({ status: 503, body: { code: 20500, message: 'Service Unavailable' } });
    const outcome = await applyAction(
      sql,
      { ...rep, teamIds: [team] },
      { id: 'restart-reply-1', action: { type: 'reply', conversationId, seenAssigneeId: null, body: 'Hi there' } },
      Date.now(),
      undefined,
      (channel) => channel === 'sms',
    );
    const id = outcome.result.message?.id ?? '';
    await double.waitFor(1);
    await server.stop();
    // While the server is down the job waits in the table, queued for its next attempt.
    expect(await sql.query('select state from outbound_sends where message_id = $1', [id])).toEqual([
      { state: 'queued' },
    ]);

    await server.start();
    await expect
      .poll(
        async () => (await sql.query<{ status: string }>('select status from messages where id = $1', [id]))[0]?.status,
      )
      .toBe('sent');
    expect(double.received).toHaveLength(2);
    expect(await sql.query('select provider_message_id from messages where id = $1', [id])).toEqual([
      { provider_message_id: 'SMrestart1' },
    ]);
    expect(await sql.query('select * from outbound_sends')).toEqual([]);
  });
});
