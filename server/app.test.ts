import { connect as connectTcp } from 'node:net';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionAck } from '../shared/sync/actions';
import { HealthResponse, HttpRoutes, SignInResponse } from '../shared/sync/http';
import { PullAck, SYNC_PROTOCOL_VERSION, SyncEvents } from '../shared/sync/protocol';
import type { Change, PokePayload } from '../shared/sync/protocol';
import { latestSeq } from './db/changes';
import { hashPassword } from './auth/password';
import { createUser } from './db/accounts';
import { deleteSession } from './db/sessions';
import { SESSION_RECHECK_MS } from './socket/sync';
import { DEMO_PASSWORD, DEMO_TEAMS } from './demo/generate';
import { startTestServer } from './testing';
import type { TestServer } from './testing';

const TTL = 60 * 60 * 1000;

describe('central server over HTTP and socket.io', () => {
  let server: TestServer;
  let now = Date.UTC(2025, 5, 15, 12);
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demoConversations: 60, clock: () => now, tokenTtlMs: TTL });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
  });

  function open(auth: unknown): Socket {
    const socket = connect(server.url, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  }

  function connected(socket: Socket): Promise<void> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  function rejected(socket: Socket): Promise<string> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected unexpectedly')));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  }

  async function session(email: string) {
    const signedIn = await server.signIn(email);
    const socket = open({ token: signedIn.token, protocol: SYNC_PROTOCOL_VERSION });
    await connected(socket);
    return { socket, signedIn };
  }

  async function pullAll(socket: Socket, limit = 500): Promise<Change[]> {
    const changes: Change[] = [];
    let cursor = 0;
    for (;;) {
      const ack = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor, limit }));
      if (!ack.ok) throw new Error(ack.error.message);
      changes.push(...ack.value.changes);
      cursor = ack.value.cursor;
      if (!ack.value.hasMore) return changes;
    }
  }

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, server.url), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('reports health with a live storage check', async () => {
    const response = await fetch(new URL('/health', server.url));
    expect(response.status).toBe(200);
    expect(HealthResponse.parse(await response.json())).toEqual({
      status: 'ok',
      version: 'test',
      storage: { kind: 'pglite', ok: true },
      protocol: SYNC_PROTOCOL_VERSION,
      fanout: 'local',
      fanoutOk: true,
    });
  });

  it('signs in, and answers bad input with JSON errors', async () => {
    const ok = await post(
      '/api/session',
      JSON.stringify({ email: 'rep01@northwind.example', password: 'caredesk-demo' }),
    );
    expect(ok.status).toBe(200);
    const body = SignInResponse.parse(await ok.json());
    expect(body.user).toMatchObject({ email: 'rep01@northwind.example', role: 'rep' });
    expect(body.expiresAt).toBe(now + TTL);

    const wrongPassword = await post(
      '/api/session',
      JSON.stringify({ email: 'rep01@northwind.example', password: 'nope' }),
    );
    const unknownEmail = await post(
      '/api/session',
      JSON.stringify({ email: 'who@northwind.example', password: 'nope' }),
    );
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const [a, b] = [await wrongPassword.json(), await unknownEmail.json()];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ code: 'bad_credentials' });

    const malformed = await post('/api/session', '{nope');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'invalid_input' });
    const missing = await post('/api/session', JSON.stringify({ email: 'x@y.z' }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'invalid_input' });
    const huge = await post('/api/session', JSON.stringify({ email: 'x@y.z', password: 'p'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'invalid_input' });

    const notFound = await fetch(new URL('/api/nothing', server.url));
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ code: 'not_found' });
    const wrongMethod = await fetch(new URL('/api/session', server.url), { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, DELETE');
    expect(await wrongMethod.json()).toEqual({
      code: 'invalid_input',
      message: 'PUT is not supported on /api/session; use POST, DELETE.',
    });
  });

  /** Sends one raw HTTP/1.1 request and resolves with the whole response text. */
  function rawRequest(requestLine: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connectTcp(server.port, '127.0.0.1', () =>
        socket.write(`${requestLine}\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
  }

  it('answers a request target that is not a valid URL with 400 and keeps serving', async () => {
    for (const line of ['GET http://[/x HTTP/1.1', 'GET //[ HTTP/1.1', 'GET http://a:99999/ HTTP/1.1']) {
      const response = await rawRequest(line);
      expect(response.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'invalid_input' });
    }
    // Absolute-form targets with a valid URL are routed by their path.
    expect((await rawRequest('GET http://localhost/health HTTP/1.1')).split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect((await fetch(new URL('/health', server.url))).status).toBe(200);
  });

  it('throttles sign-in after 10 failures for one email in 15 minutes', async () => {
    const attempt = (password: string) =>
      post('/api/session', JSON.stringify({ email: 'rep06@northwind.example', password }));
    for (let i = 0; i < 10; i++) expect((await attempt('wrong')).status).toBe(401);
    const saved = now;
    try {
      const blocked = await attempt('caredesk-demo');
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toEqual({
        code: 'rate_limited',
        message: 'Too many failed sign-ins. Try again in 15 minutes.',
      });
      // Other accounts from the same address still sign in.
      expect((await server.signIn('rep07@northwind.example')).user.email).toBe('rep07@northwind.example');
      now += 15 * 60 * 1000;
      expect((await attempt('caredesk-demo')).status).toBe(200);
    } finally {
      now = saved;
    }
  });

  it('rejects handshakes without a valid token or with a protocol version it does not serve', async () => {
    expect(await rejected(open({}))).toBe('unauthorized');
    expect(await rejected(open({ token: 'not-a-token', protocol: SYNC_PROTOCOL_VERSION }))).toBe('unauthorized');
    const { token } = await server.signIn('rep02@northwind.example');
    // Newer than the server: the server needs the update. Older than it serves: the engine does,
    // told in the one word an engine before version 3 understands.
    expect(await rejected(open({ token, protocol: SYNC_PROTOCOL_VERSION + 1 }))).toBe('server_outdated');
    expect(await rejected(open({ token, protocol: 2 }))).toBe('protocol_mismatch');
    const saved = now;
    now += TTL + 1;
    try {
      expect(await rejected(open({ token, protocol: SYNC_PROTOCOL_VERSION }))).toBe('session_expired');
    } finally {
      now = saved;
    }
  });

  it('pulls only what the user’s teams may see, in pages', async () => {
    const { socket } = await session('rep11@northwind.example'); // Billing & Accounts only
    const changes = await pullAll(socket, 50);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const conversations = changes.filter((c) => c.kind === 'conversation');
    expect(conversations.length).toBeGreaterThan(0);
    for (const change of conversations) expect(change.data).toMatchObject({ teamId: DEMO_TEAMS.billing.id });

    const rows = await server.sql.query<{ id: string; customer_id: string }>(
      'select id, customer_id from conversations where team_id = $1',
      [DEMO_TEAMS.billing.id],
    );
    expect(conversations.map((c) => c.data.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const visibleCustomers = new Set(rows.map((r) => r.customer_id));
    for (const change of changes.filter((c) => c.kind === 'customer'))
      expect(visibleCustomers.has(change.data.id)).toBe(true);
    expect(changes.filter((c) => c.kind === 'team')).toHaveLength(3);
    expect(changes.filter((c) => c.kind === 'user')).toHaveLength(15);

    const bad = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor: -1 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('stores a reply once per clientId and pokes the team room', async () => {
    const rep = await session('rep01@northwind.example');
    const lead = await session('lead01@northwind.example');
    const billingOnly = await session('rep11@northwind.example');
    const [row] = await server.sql.query<{ id: string; assignee_id: string | null }>(
      'select id, assignee_id from conversations where team_id = $1 order by id limit 1',
      [DEMO_TEAMS.orders.id],
    );
    const conversationId = row?.id ?? '';
    const seenAssigneeId = row?.assignee_id ?? null;

    const poked = new Promise<PokePayload>((resolve) => lead.socket.once(SyncEvents.poke, resolve));
    const reply = { type: 'reply', conversationId, seenAssigneeId, body: 'Your order is on its way.' } as const;
    const request = { id: 'client-reply-0001', action: reply };
    const first = ActionAck.parse(await rep.socket.emitWithAck(SyncEvents.action, request));
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.message).toMatchObject({
      conversationId,
      direction: 'outbound',
      status: 'sent',
      authorId: 'user-rep01',
      clientId: request.id,
    });
    const poke = await poked;
    expect(poke.seq).toBe(await latestSeq(server.sql));

    const seqBefore = await latestSeq(server.sql);
    const second = ActionAck.parse(await rep.socket.emitWithAck(SyncEvents.action, request));
    expect(second).toEqual(first);
    expect(await latestSeq(server.sql)).toBe(seqBefore);
    const count = await server.sql.query<{ n: number }>(
      'select count(*)::int as n from messages where client_id = $1',
      [request.id],
    );
    expect(count[0]?.n).toBe(1);

    // The lead's pull after the poke carries the message and the updated conversation.
    const pulled = PullAck.parse(await lead.socket.emitWithAck(SyncEvents.pull, { cursor: poke.seq - 2, limit: 10 }));
    if (!pulled.ok) throw new Error(pulled.error.message);
    expect(pulled.value.changes.map((c) => c.kind)).toEqual(['message', 'conversation']);
    expect(pulled.value.changes[1]?.data).toMatchObject({
      id: conversationId,
      waitingSince: null,
      lastMessagePreview: reply.body,
    });

    // A rep outside the team can neither reply nor see it.
    const hidden = ActionAck.parse(
      await billingOnly.socket.emitWithAck(SyncEvents.action, { ...request, id: 'client-reply-0002' }),
    );
    expect(hidden).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const invalid = ActionAck.parse(await rep.socket.emitWithAck(SyncEvents.action, { action: reply }));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('signs out: DELETE /api/session ends the session and disconnects its sockets', async () => {
    const { socket, signedIn } = await session('rep04@northwind.example');
    const other = await session('rep04@northwind.example');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const signOut = (token?: string) =>
      fetch(new URL(HttpRoutes.signOut, server.url), {
        method: 'DELETE',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    const response = await signOut(signedIn.token);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await disconnected).toBe('io server disconnect');
    expect(await rejected(open({ token: signedIn.token, protocol: SYNC_PROTOCOL_VERSION }))).toBe('unauthorized');
    // Another session of the same user stays signed in.
    expect(other.socket.connected).toBe(true);
    const pulled = PullAck.parse(await other.socket.emitWithAck(SyncEvents.pull, { cursor: 0, limit: 1 }));
    expect(pulled.ok).toBe(true);

    expect((await signOut(signedIn.token)).status).toBe(204);
    expect((await signOut('not-a-token')).status).toBe(204);
    expect((await signOut()).status).toBe(204);
  });

  it('answers events on an expired session with session_expired and disconnects', async () => {
    const { socket } = await session('rep03@northwind.example');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const saved = now;
    now += TTL + 1;
    try {
      const ack = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor: 0 }));
      expect(ack).toMatchObject({ ok: false, error: { code: 'session_expired' } });
      expect(await disconnected).toBe('io server disconnect');
    } finally {
      now = saved;
    }
  });

  it('reads the session again every SESSION_RECHECK_MS: one deleted behind the server’s back ends then', async () => {
    const { socket, signedIn } = await session('rep05@northwind.example');
    await deleteSession(server.sql, signedIn.token);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    // Within the window the socket still works from the session as last read.
    expect(PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor: 0, limit: 1 })).ok).toBe(true);
    const saved = now;
    now += SESSION_RECHECK_MS;
    try {
      const ack = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor: 0, limit: 1 }));
      expect(ack).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(await disconnected).toBe('io server disconnect');
    } finally {
      now = saved;
    }
  });

  it('posts inbound messages into the lead’s own teams only', async () => {
    await createUser(
      server.sql,
      {
        id: 'user-billing-lead',
        name: 'Billing Lead',
        email: 'billing-lead@northwind.example',
        role: 'lead',
        teamIds: [DEMO_TEAMS.billing.id],
        password: await hashPassword(DEMO_PASSWORD),
      },
      now,
    );
    const everyTeam = await server.signIn('lead01@northwind.example');
    const billing = await server.signIn('billing-lead@northwind.example');
    const send = async (token: string, body: string, providerMessageId?: string) => {
      const response = await post(
        '/api/inbound',
        JSON.stringify({ channel: 'sms', from: '+1 415 555 0600', body, providerMessageId }),
        { authorization: `Bearer ${token}` },
      );
      return { status: response.status, body: (await response.json()) as { conversationId: string; code?: string } };
    };
    const teamOf = async (conversationId: string) =>
      (
        await server.sql.query<{ team_id: string }>('select team_id from conversations where id = $1', [conversationId])
      )[0]?.team_id;

    const orders = await send(everyTeam.token, 'First, to orders.', 'SM-scope-1');
    expect(orders.status).toBe(201);
    expect(await teamOf(orders.body.conversationId)).toBe(DEMO_TEAMS.orders.id);
    const scoped = await send(billing.token, 'Then, from billing.');
    expect(scoped.status).toBe(201);
    expect(scoped.body.conversationId).not.toBe(orders.body.conversationId);
    expect(await teamOf(scoped.body.conversationId)).toBe(DEMO_TEAMS.billing.id);
    const [ordersConversation] = await server.sql.query<{ last_message_preview: string }>(
      'select last_message_preview from conversations where id = $1',
      [orders.body.conversationId],
    );
    expect(ordersConversation?.last_message_preview).toBe('First, to orders.');
    const foreign = await send(billing.token, 'First, to orders.', 'SM-scope-1');
    expect(foreign).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });

  it('accepts inbound messages from leads and pokes the receiving team', async () => {
    const rep = await session('rep02@northwind.example');
    const lead = await server.signIn('lead02@northwind.example');
    const forbidden = await post(
      '/api/inbound',
      JSON.stringify({ channel: 'sms', from: '+1 415 555 0100', body: 'hi' }),
      {
        authorization: `Bearer ${rep.signedIn.token}`,
      },
    );
    expect(forbidden.status).toBe(403);
    expect(await (await post('/api/inbound', '{}')).json()).toMatchObject({ code: 'unauthorized' });

    for (const body of ['hello\u0000world', 'broken \ud83d emoji']) {
      const unstorable = await post('/api/inbound', JSON.stringify({ channel: 'sms', from: '+1 415 555 0100', body }), {
        authorization: `Bearer ${lead.token}`,
      });
      expect(unstorable.status).toBe(400);
      expect(await unstorable.json()).toMatchObject({ code: 'invalid_input', message: /^Invalid input at body: Text/ });
    }

    const poked = new Promise<PokePayload>((resolve) => rep.socket.once(SyncEvents.poke, resolve));
    const response = await post(
      '/api/inbound',
      JSON.stringify({ channel: 'sms', from: '(415) 555-0100', body: 'Where is my parcel?', name: 'Pat Doe' }),
      {
        authorization: `Bearer ${lead.token}`,
      },
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { conversationId: string; message: { body: string; direction: string } };
    expect(body.message).toMatchObject({ body: 'Where is my parcel?', direction: 'inbound' });
    await poked;

    const pulled = PullAck.parse(await rep.socket.emitWithAck(SyncEvents.pull, { cursor: 0, limit: 5000 }));
    if (!pulled.ok) throw new Error(pulled.error.message);
    const kinds = pulled.value.changes
      .filter((c) => c.data.id === body.conversationId || c.kind === 'customer')
      .map((c) => c.kind);
    expect(kinds).toContain('conversation');
    const conversation = pulled.value.changes.find(
      (c) => c.kind === 'conversation' && c.data.id === body.conversationId,
    );
    expect(conversation?.data).toMatchObject({ teamId: DEMO_TEAMS.orders.id, status: 'open', waitingSince: now });

    // A redelivered webhook creates nothing: 200 with the stored message.
    const hook = JSON.stringify({ channel: 'sms', from: '(415) 555-0100', body: 'Again?', providerMessageId: 'SM-9' });
    const created = await post('/api/inbound', hook, { authorization: `Bearer ${lead.token}` });
    expect(created.status).toBe(201);
    const redelivered = await post('/api/inbound', hook, { authorization: `Bearer ${lead.token}` });
    expect(redelivered.status).toBe(200);
    expect(await redelivered.json()).toEqual(await created.json());
  });
  it('a rep taken out of a team hears nothing more of it at once, and only leads and admins may do that', async () => {
    const rep = await session('rep06@northwind.example'); // Orders & Delivery, Billing & Accounts
    const lead = await session('lead01@northwind.example');
    const admin = await server.signIn('admin@northwind.example');
    const change = (token: string, member: boolean, teamId: string = DEMO_TEAMS.billing.id) =>
      post('/api/team-members', JSON.stringify({ teamId, userId: 'user-rep06', member }), {
        authorization: `Bearer ${token}`,
      });
    expect((await change(rep.signedIn.token, false)).status).toBe(403);

    expect((await change(lead.signedIn.token, false)).status).toBe(200);
    // A message for Billing & Accounts (from a customer of one of its conversations) pokes the lead, not the rep.
    const [billing] = await server.sql.query<{ value: string }>(
      `select i.value from conversations c join identities i on i.customer_id = c.customer_id and i.channel = 'sms'
       where c.team_id = $1 and c.channel = 'sms'
         and not exists (select 1 from conversations o where o.customer_id = c.customer_id and o.team_id <> $1)
       order by c.id limit 1`,
      [DEMO_TEAMS.billing.id],
    );
    const repPokes: PokePayload[] = [];
    rep.socket.on(SyncEvents.poke, (poke: PokePayload) => void repPokes.push(poke));
    const leadPoked = new Promise<PokePayload>((resolve) => lead.socket.once(SyncEvents.poke, resolve));
    const inbound = await post(
      '/api/inbound',
      JSON.stringify({ channel: 'sms', from: billing?.value, body: 'Refund?' }),
      {
        authorization: `Bearer ${admin.token}`,
      },
    );
    expect(inbound.status).toBe(201);
    const billingSeq = (await leadPoked).seq;
    // Then one for Orders & Delivery, which the rep keeps: the first poke the rep gets is that one.
    const repPoked = new Promise<PokePayload>((resolve) => rep.socket.once(SyncEvents.poke, resolve));
    const [orders] = await server.sql.query<{ value: string }>(
      `select i.value from conversations c join identities i on i.customer_id = c.customer_id and i.channel = 'sms'
       where c.team_id = $1 and c.channel = 'sms'
         and not exists (select 1 from conversations o where o.customer_id = c.customer_id and o.team_id <> $1)
       order by c.id limit 1`,
      [DEMO_TEAMS.orders.id],
    );
    await post('/api/inbound', JSON.stringify({ channel: 'sms', from: orders?.value, body: 'Where is it?' }), {
      authorization: `Bearer ${admin.token}`,
    });
    expect((await repPoked).seq).toBeGreaterThan(billingSeq);
    expect(repPokes.map((poke) => poke.seq)).not.toContain(billingSeq);
    // Nor does a pull bring it.
    const pulled = PullAck.parse(await rep.socket.emitWithAck(SyncEvents.pull, { cursor: billingSeq - 1, limit: 10 }));
    if (!pulled.ok) throw new Error(pulled.error.message);
    expect(pulled.value.changes.map((c) => c.seq)).not.toContain(billingSeq);

    // A lead cannot change a team they do not lead (the demo leads are in every team, so this one leads
    // Returns only); an admin can change any; back in, the rep hears it again.
    await createUser(
      server.sql,
      {
        id: 'user-returns-lead',
        name: 'Returns Lead',
        email: 'returns-lead@northwind.example',
        role: 'lead',
        teamIds: [DEMO_TEAMS.returns.id],
        password: await hashPassword(DEMO_PASSWORD),
      },
      now,
    );
    const returnsLead = await server.signIn('returns-lead@northwind.example');
    const notTheirs = await change(returnsLead.token, true);
    expect(notTheirs.status).toBe(403);
    expect(await notTheirs.json()).toEqual({
      code: 'forbidden',
      message: 'Leads may change the membership of their own teams only.',
    });
    const back = await change(admin.token, true);
    expect(await back.json()).toMatchObject({
      user: { teamIds: [DEMO_TEAMS.billing.id, DEMO_TEAMS.orders.id].sort() },
    });
    const again = new Promise<PokePayload>((resolve) => rep.socket.once(SyncEvents.poke, resolve));
    await post('/api/inbound', JSON.stringify({ channel: 'sms', from: billing?.value, body: 'Hello?' }), {
      authorization: `Bearer ${admin.token}`,
    });
    expect((await again).seq).toBeGreaterThan(billingSeq);
    expect((await change(admin.token, true, 'no-such-team')).status).toBe(404);
  });
});
