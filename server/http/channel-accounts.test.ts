// The channel-account routes (shared/sync/channel-accounts.ts) against the real server, on PGlite
// and PostgreSQL: what an admin does is stored and audited; what a rep or lead asks, a malformed
// body, an account already listed or one in use changes nothing. "Test" asks local doubles of the
// providers' APIs, and says in words when one refuses, stays silent or is not configured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelAccountRoutes } from '../../shared/sync/channel-accounts';
import type { AdminChannelAccount } from '../../shared/sync/channel-accounts';
import { DEFAULT_OUTBOUND } from '../channels/outbound';
import { startProviderDouble } from '../channels/provider-double';
import type { ProviderDouble } from '../channels/provider-double';
import { setConversationChannelAccount } from '../db/channel-accounts';
import { insertConversation } from '../db/conversations';
import { insertCustomer } from '../db/customers';
import { openSmsConversation, smsCustomer } from '../db/testing';
import { DEMO_TEAMS } from '../demo/generate';
import { lookupHandlers } from '../socket/lookups';
import { getUser } from '../db/accounts';
import type { TestServer } from '../testing';
import { routeBackends, signedInServer } from './testing';

const NOW = 1_800_000_000_000;
const SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const { list, one, test } = ChannelAccountRoutes;

/** Twilio's and Meta's APIs as documented, on one loopback double (paths differ). */
let providers: ProviderDouble;
/** An X API that accepts the connection and never answers. */
let silent: { url: string; close(): Promise<void> };

beforeAll(async () => {
  providers = await startProviderDouble((request) => {
    if (request.path === `/2010-04-01/Accounts/${SID}.json`) {
      return { status: 200, body: { sid: SID, friendly_name: 'Northwind', status: 'active' } };
    }
    return { status: 404, body: { error: { message: `Unknown path ${request.path}`, code: 100 } } };
  });
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
});

afterAll(async () => {
  await providers?.close();
  await silent?.close();
});

// Read when each server starts: the doubles start first, in beforeAll.
const selected = routeBackends(() => ({
  clock: () => NOW,
  channelTestTimeoutMs: 300,
  outbound: {
    config: {
      ...DEFAULT_OUTBOUND,
      twilioApiUrl: providers.url,
      twilioAccountSid: SID,
      twilioAuthToken: 'test-token',
      metaGraphUrl: providers.url,
      metaAccessToken: 'expired-token',
      xApiUrl: silent.url,
      xUserToken: 'x-token',
      // Postmark: no server token.
    },
  },
}));

describe.each(selected)('channel-account routes on $kind', (backend) => {
  const routes = signedInServer(backend);
  const { tokens, call } = routes;
  let server: TestServer;

  beforeAll(() => {
    server = routes.server;
  });
  const add = async (body: Record<string, unknown>) => {
    const answer = await call(tokens.admin, 'POST', list, body);
    expect(answer.status).toBe(201);
    return answer.body.account as AdminChannelAccount;
  };

  /** Everything a refused or malformed request must leave as it was. */
  async function state() {
    return {
      accounts: await server.sql.query('select * from channel_accounts order by id'),
      audit: await server.sql.query('select count(*)::int as n from audit_log'),
    };
  }

  const auditOf = (id: string) =>
    server.sql.query<{ actor: string; type: string; before: unknown; after: unknown; at: string | number }>(
      "select actor, type, before, after, at from audit_log where entity_kind = 'channel_account' and entity_id = $1 order by id",
      [id],
    );

  it('adds, lists, renames, moves and removes an account, each change audited and found by the audit search', async () => {
    const sms = await add({
      channel: 'sms',
      account: ' +1 (415) 555-0100 ',
      displayName: 'US support line',
      teamId: DEMO_TEAMS.orders.id,
    });
    expect(sms).toEqual({
      id: expect.stringMatching(/^chacct-[0-9a-f]{16}$/) as string,
      channel: 'sms',
      account: '+14155550100',
      displayName: 'US support line',
      teamId: DEMO_TEAMS.orders.id,
      teamName: DEMO_TEAMS.orders.name,
      conversations: 0,
      createdAt: NOW,
    });
    const listed = await call(tokens.admin, 'GET', list);
    expect(listed).toEqual({ status: 200, body: { accounts: [sms] } });

    const moved = await call(tokens.admin, 'PATCH', one(sms.id), {
      displayName: 'Returns line',
      teamId: DEMO_TEAMS.returns.id,
    });
    expect(moved.body.account).toMatchObject({
      displayName: 'Returns line',
      teamId: DEMO_TEAMS.returns.id,
      teamName: DEMO_TEAMS.returns.name,
    });
    // Nothing changed: nothing audited.
    expect((await call(tokens.admin, 'PATCH', one(sms.id), { displayName: 'Returns line' })).status).toBe(200);

    expect(await call(tokens.admin, 'DELETE', one(sms.id))).toEqual({ status: 204, body: null });
    expect((await call(tokens.admin, 'GET', list)).body.accounts).toEqual([]);

    const audited = { actor: 'user-admin', at: expect.anything() as unknown };
    expect(await auditOf(sms.id)).toEqual([
      {
        ...audited,
        type: 'channel_account_created',
        before: null,
        after: {
          channel: 'sms',
          account: '+14155550100',
          displayName: 'US support line',
          teamId: DEMO_TEAMS.orders.id,
        },
      },
      {
        ...audited,
        type: 'channel_account_updated',
        before: { displayName: 'US support line', teamId: DEMO_TEAMS.orders.id },
        after: { displayName: 'Returns line', teamId: DEMO_TEAMS.returns.id },
      },
      {
        ...audited,
        type: 'channel_account_removed',
        before: { channel: 'sms', account: '+14155550100', displayName: 'Returns line', teamId: DEMO_TEAMS.returns.id },
        after: { deleted: true },
      },
    ]);
    // The console's audit search finds them by entity and by type.
    const admin = (await getUser(server.sql, 'user-admin'))!;
    const audit = lookupHandlers(server.sql).audit;
    const byEntity = await audit(admin, { entity: { kind: 'channel_account', id: sms.id }, limit: 50 });
    expect(byEntity.entries.map((entry) => entry.type)).toEqual([
      'channel_account_removed',
      'channel_account_updated',
      'channel_account_created',
    ]);
    const byType = await audit(admin, { type: 'channel_account_updated', limit: 50 });
    expect(byType.entries.map((entry) => entry.entity)).toEqual([{ kind: 'channel_account', id: sms.id }]);
  });

  it('answers malformed bodies and unknown teams with 400 naming the field, unknown ids with 404', async () => {
    const valid = { channel: 'email', account: 'help@northwind.example', displayName: 'Help', teamId: 'team-orders' };
    const before = await state();
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', list, { ...valid, teamId: 'team-nowhere' }, 400, /^Invalid input at teamId: No team team-nowhere\.$/],
      ['POST', list, { ...valid, account: 'not-an-address' }, 400, /^Invalid input at account: Expected the support/],
      [
        'POST',
        list,
        { ...valid, channel: 'sms', account: '4155550100' },
        400,
        /at account: Expected the Twilio number/,
      ],
      [
        'POST',
        list,
        { ...valid, channel: 'x', account: '@northwind' },
        400,
        /at account: Expected the brand's X user id/,
      ],
      ['POST', list, { ...valid, channel: 'fax' }, 400, /at channel/],
      ['POST', list, { ...valid, displayName: '  ' }, 400, /at displayName: A display name is needed/],
      ['POST', list, { ...valid, teamId: '' }, 400, /at teamId: Choose the team/],
      ['POST', list, { ...valid, id: 'chosen' }, 400, /Invalid input/],
      ['PATCH', one('chacct-nowhere'), { displayName: 'Ghost' }, 404, /^That channel account does not exist\.$/],
      ['DELETE', one('chacct-nowhere'), undefined, 404, /^That channel account does not exist\.$/],
      ['POST', test('chacct-nowhere'), undefined, 404, /^That channel account does not exist\.$/],
      ['PATCH', one('chacct-nowhere'), {}, 400, /Say what to change/],
      ['PATCH', one('chacct-nowhere'), { account: '+14155550199' }, 400, /Invalid input/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const answer = await call(tokens.admin, method, path, body);
      expect({ method, body, answer }).toEqual({
        method,
        body,
        answer: {
          status,
          body: { code: expect.any(String) as string, message: expect.stringMatching(message) as string },
        },
      });
    }
    // A team that does not exist, when moving one.
    const email = await add(valid);
    const moving = await call(tokens.admin, 'PATCH', one(email.id), { teamId: 'team-nowhere' });
    expect(moving).toEqual({
      status: 400,
      body: { code: 'invalid_input', message: 'Invalid input at teamId: No team team-nowhere.' },
    });
    await call(tokens.admin, 'DELETE', one(email.id));
    expect((await state()).accounts).toEqual(before.accounts);
  });

  it('refuses an account already listed (409), whatever its case or spacing, and one in use (409)', async () => {
    const email = await add({
      channel: 'email',
      account: 'Care@Northwind.example',
      displayName: 'Care',
      teamId: DEMO_TEAMS.orders.id,
    });
    const before = await state();
    const again = await call(tokens.admin, 'POST', list, {
      channel: 'email',
      account: ' care@northwind.EXAMPLE',
      displayName: 'Care again',
      teamId: DEMO_TEAMS.billing.id,
    });
    expect(again).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'Email account care@northwind.example is already listed.' },
    });
    expect(await state()).toEqual(before);
    // The same number on another channel is another account.
    const whatsapp = await add({
      channel: 'whatsapp',
      account: '+14155550100',
      displayName: 'WA',
      teamId: 'team-orders',
    });
    await call(tokens.admin, 'DELETE', one(whatsapp.id));

    // Two conversations talk to it: refused, never detached; they keep it.
    for (const n of [1, 2]) {
      await server.sql.transaction((tx) => insertCustomer(tx, smsCustomer(`cust-ca-${n}`, `+1415555020${n}`, NOW)));
      const conversation = openSmsConversation(
        { id: `conv-ca-${n}`, teamId: DEMO_TEAMS.orders.id, customerId: `cust-ca-${n}` },
        NOW,
      );
      await insertConversation(server.sql, conversation, NOW);
      await setConversationChannelAccount(server.sql, conversation.id, email.id);
    }
    const inUse = await state();
    expect(await call(tokens.admin, 'DELETE', one(email.id))).toEqual({
      status: 409,
      body: {
        code: 'conflict',
        message:
          '2 conversations still talk to Care, and replies go out through it: it cannot be removed. Give it to another team instead.',
      },
    });
    expect(await state()).toEqual(inUse);
    const listed = (await call(tokens.admin, 'GET', list)).body.accounts as AdminChannelAccount[];
    expect(listed.find((account) => account.id === email.id)?.conversations).toBe(2);
    // Moving it to another team is the way: allowed while in use.
    expect((await call(tokens.admin, 'PATCH', one(email.id), { teamId: DEMO_TEAMS.billing.id })).status).toBe(200);
  });

  it('refuses reps and leads on every route (403) and changes nothing', async () => {
    const account = await add({
      channel: 'messenger',
      account: '106540352242922',
      displayName: 'Page',
      teamId: 'team-orders',
    });
    const before = await state();
    const requests: [string, string, unknown][] = [
      ['GET', list, undefined],
      ['POST', list, { channel: 'sms', account: '+14155550111', displayName: 'Mine', teamId: 'team-orders' }],
      ['POST', list, { channel: 'broken' }],
      ['PATCH', one(account.id), { teamId: DEMO_TEAMS.billing.id }],
      ['DELETE', one(account.id), undefined],
      ['POST', test(account.id), undefined],
    ];
    for (const token of [tokens.rep, tokens.lead]) {
      for (const [method, path, body] of requests) {
        expect({ method, path, answer: await call(token, method, path, body) }).toEqual({
          method,
          path,
          answer: { status: 403, body: { code: 'forbidden', message: 'Only admins may manage channel accounts.' } },
        });
      }
    }
    expect((await call('no-such-token', 'GET', list)).status).toBe(401);
    expect(providers.received.filter((request) => request.path.includes(account.account))).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it("tests an account against the provider's API: answered, refused, silent, not configured", async () => {
    const sms = await add({ channel: 'sms', account: '+14155550123', displayName: 'Line', teamId: 'team-orders' });
    const page = await add({ channel: 'messenger', account: '2002', displayName: 'Page', teamId: 'team-orders' });
    const x = await add({ channel: 'x', account: '1001', displayName: 'X', teamId: 'team-orders' });
    const email = await add({
      channel: 'email',
      account: 'x@northwind.example',
      displayName: 'Mail',
      teamId: 'team-orders',
    });
    const chat = await add({ channel: 'webchat', account: 'widget-1', displayName: 'Chat', teamId: 'team-orders' });
    const probe = async (id: string) => (await call(tokens.admin, 'POST', test(id))).body;

    const seen = providers.received.length;
    expect(await probe(sms.id)).toEqual({ ok: true, status: 200, message: 'Twilio answered: account active' });
    const asked = providers.received[seen]!;
    expect(asked.method).toBe('GET');
    expect(asked.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:test-token`).toString('base64')}`);

    providers.queue({ status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } });
    expect(await probe(sms.id)).toEqual({
      ok: false,
      status: 401,
      message: 'Twilio refused the account SID or auth token (401): Authenticate',
    });

    // The Graph API answers an expired token with 400 and code 190.
    providers.queue({
      status: 400,
      body: {
        error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190 },
      },
    });
    expect(await probe(page.id)).toEqual({
      ok: false,
      status: 400,
      message: 'Meta refused the access token (400): Error validating access token: Session has expired.',
    });
    expect(providers.received.at(-1)?.path).toBe('/v21.0/2002?fields=name');

    expect(await probe(x.id)).toEqual({
      ok: false,
      status: null,
      message: `Could not reach ${new URL(silent.url).host}: timed out after 0.3 s.`,
    });
    expect(await probe(email.id)).toEqual({
      ok: false,
      status: null,
      message: 'No credentials configured for Postmark: set POSTMARK_SERVER_TOKEN on the server.',
    });
    expect(await probe(chat.id)).toMatchObject({ ok: true, status: null });
  });
});
