// GET/PUT /api/teams/:id/routing, and routing end to end: reps' presence from their sockets, a
// message posted in, the conversation assigned with its reason and poked to the engines.
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/entities';
import { DEFAULT_ROUTING } from '../../shared/domain/routing';
import type { RoutingSettings } from '../../shared/domain/routing';
import { HttpRoutes } from '../../shared/sync/http';
import { PresenceEvents } from '../../shared/sync/presence';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { hashPassword } from '../auth/password';
import { createTeam, createUser } from '../db/accounts';
import { getConversation } from '../db/conversations';
import { DEMO_PASSWORD } from '../demo/generate';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';

let server: TestServer;
const sockets: Socket[] = [];
const tokens = {} as Record<string, string>;

const SETTINGS: RoutingSettings = {
  mode: 'fewest_open',
  maxOpen: 5,
  channelMaxOpen: { sms: 3 },
  offlineReturnMinutes: 15,
  reps: [{ userId: 'ana', maxOpen: 2, languages: ['en', 'es'], channels: ['sms'], productLines: ['bikes'] }],
};

function call(method: string, teamId: string, as: string | null, body?: unknown): Promise<Response> {
  return fetch(new URL(HttpRoutes.teamRouting(teamId), server.url), {
    method,
    headers: {
      ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A rep's engine: connected, its presence set and seen by the server (the list's ack comes after). */
async function engine(user: string, status: 'online' | 'away'): Promise<Socket> {
  const socket = connect(server.url, {
    auth: { token: tokens[user], protocol: SYNC_PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.emit(PresenceEvents.update, { status, viewing: null, typing: false });
  await socket.emitWithAck(PresenceEvents.list, {});
  return socket;
}

describe('team routing over HTTP and sockets', () => {
  beforeAll(async () => {
    // The timer stays out of the way: only settings and inbound messages wake routing here.
    server = await startTestServer({ routing: { intervalMs: 3_600_000 } });
    const now = Date.now();
    await createTeam(server.sql, { id: 'a', name: 'Team A' }, now);
    await createTeam(server.sql, { id: 'b', name: 'Team B' }, now);
    const password = await hashPassword(DEMO_PASSWORD);
    const user = (id: string, role: Role, teamIds: string[]) =>
      createUser(
        server.sql,
        { id, name: id === 'ana' ? 'Ana' : id, email: `${id}@example.com`, role, teamIds, password },
        now,
      );
    await user('lena', 'lead', ['a']);
    await user('ana', 'rep', ['a']);
    await user('ben', 'rep', ['a']);
    await user('bert', 'rep', ['b']);
    await user('cy', 'rep', ['a']);
    for (const id of ['lena', 'ana', 'ben', 'cy']) tokens[id] = (await server.signIn(`${id}@example.com`)).token;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
  });

  it('answers a team never configured with manual routing, then stores and answers what a lead puts', async () => {
    const first = await call('GET', 'a', 'lena');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual(DEFAULT_ROUTING);
    const put = await call('PUT', 'a', 'lena', SETTINGS);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(SETTINGS);
    expect(await (await call('GET', 'a', 'lena')).json()).toEqual(SETTINGS);
  });

  it('refuses bad settings with a 400 naming the field, and stores nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...SETTINGS, mode: 'random' }, /at mode/],
      [{ ...SETTINGS, maxOpen: 0 }, /at maxOpen/],
      [{ ...SETTINGS, channelMaxOpen: { pigeon: 2 } }, /channelMaxOpen/],
      [{ ...SETTINGS, offlineReturnMinutes: -5 }, /at offlineReturnMinutes/],
      [{ ...SETTINGS, reps: [{ ...SETTINGS.reps[0], languages: ['klingon'] }] }, /at reps\.0\.languages\.0/],
      [{ ...SETTINGS, reps: [SETTINGS.reps[0], SETTINGS.reps[0]] }, /ana is listed twice/],
      [{ ...SETTINGS, reps: [{ ...SETTINGS.reps[0], userId: 'bert' }] }, /Not members of this team: bert/],
      [{ ...SETTINGS, surprise: true }, /surprise/],
    ];
    for (const [body, message] of cases) {
      const response = await call('PUT', 'a', 'lena', body);
      expect(response.status).toBe(400);
      const error = (await response.json()) as { code: string; message: string };
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(message);
    }
    expect(await (await call('GET', 'a', 'lena')).json()).toEqual(SETTINGS);
  });

  it('refuses reps, another team’s lead, an unknown team and no token', async () => {
    expect((await call('GET', 'a', 'ana')).status).toBe(403);
    expect((await call('PUT', 'a', 'ana', SETTINGS)).status).toBe(403);
    expect((await call('PUT', 'b', 'lena', { ...SETTINGS, reps: [] })).status).toBe(403);
    expect((await call('GET', 'nope', 'lena')).status).toBe(404);
    expect((await call('GET', 'a', null)).status).toBe(401);
    expect((await call('DELETE', 'a', 'lena')).status).toBe(405);
  });

  it('routes a message posted in at once (no timer) to the online rep, passing over the away one', async () => {
    await call('PUT', 'a', 'lena', { ...SETTINGS, reps: [] });
    await engine('ana', 'away');
    const ben = await engine('ben', 'online');
    // Only the message's wake-up can route it (the timer is an hour). Its poke may come before the
    // answer to the post: look on every poke, and once more when the id is known.
    let conversationId = '';
    let resolveRouted = () => {};
    const routed = new Promise<void>((resolve) => (resolveRouted = resolve));
    const look = () =>
      void getConversation(server.sql, conversationId).then((c) => {
        if (c?.assigneeId) resolveRouted();
      });
    ben.on('sync:poke', look);
    const posted = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.lena}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms', from: '+14155550199', body: 'Where is my order?' }),
    });
    expect(posted.status).toBe(201);
    conversationId = ((await posted.json()) as { conversationId: string }).conversationId;
    look();
    await routed;
    const conversation = await getConversation(server.sql, conversationId);
    expect(conversation?.assigneeId).toBe('ben');
    expect(conversation?.assignedReason).toMatchObject({
      kind: 'routed',
      mode: 'fewest_open',
      open: 0,
      skipped: [
        { userId: 'ana', why: 'away' },
        { userId: 'cy', why: 'offline' },
      ],
    });
  });

  it('routes the waiting queue as soon as a rep comes online', async () => {
    // ben has one open conversation now (the test before), ana is away: with one each, nobody may take it.
    await call('PUT', 'a', 'lena', { ...SETTINGS, maxOpen: 1, channelMaxOpen: {}, reps: [] });
    const posted = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.lena}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms', from: '+14155550177', body: 'Is anyone there?' }),
    });
    const { conversationId } = (await posted.json()) as { conversationId: string };
    await server.route();
    expect((await getConversation(server.sql, conversationId))?.assigneeId).toBeNull();

    // cy's engine connects and says it is online: routing runs for the team then (the timer is an hour).
    const cy = connect(server.url, {
      auth: { token: tokens.cy, protocol: SYNC_PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(cy);
    const routed = new Promise<void>((resolve) => {
      cy.on('sync:poke', () => {
        void getConversation(server.sql, conversationId).then((c) => {
          if (c?.assigneeId === 'cy') resolve();
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      cy.once('connect', () => resolve());
      cy.once('connect_error', reject);
    });
    cy.emit(PresenceEvents.update, { status: 'online', viewing: null, typing: false });
    await routed;
    expect((await getConversation(server.sql, conversationId))?.assignedReason).toMatchObject({
      skipped: [
        { userId: 'ana', why: 'away' },
        { userId: 'ben', why: 'at_capacity' },
      ],
    });
  });
});
