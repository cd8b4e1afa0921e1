import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { User } from '../../shared/domain/entities';
import { DEFAULT_OUTBOUND } from '../channels/outbound';
import { insertChannelAccount } from '../db/channel-accounts';
import type { VisitorLine } from '../db/webchat';
import { applyAction } from '../services/actions/apply';
import { receiveInbound } from '../services/inbound';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';
import { visitorOf } from './namespace';
import type { SendAck } from './namespace';
import { RATE_LIMIT, WEBCHAT_NAMESPACE } from './protocol';

const WIDGET = 'northwind-shop';

interface Ready {
  token?: string;
  brand: string;
  messages: VisitorLine[];
}

let server: TestServer;
let rep: User;
const sockets: Socket[] = [];

/** A chat window: connected, and what the server said when it was ready. */
async function chatWindow(auth: Record<string, string>): Promise<{ socket: Socket; ready: Ready }> {
  const socket = connect(`${server.url}${WEBCHAT_NAMESPACE}`, { auth, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  const ready = await new Promise<Ready>((resolve, reject) => {
    socket.once('ready', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, ready };
}

function send(socket: Socket, message: Record<string, unknown>): Promise<SendAck> {
  return socket.timeout(10_000).emitWithAck('send', message) as Promise<SendAck>;
}

const nextLine = (socket: Socket) => new Promise<VisitorLine>((resolve) => socket.once('line', resolve));

async function messageRow(id: string) {
  const rows = await server.sql.query<{ status: string; channel: string; direction: string; team_id: string }>(
    `select m.status, m.channel, m.direction, c.team_id from messages m join conversations c on c.id = m.conversation_id
     where m.id = $1`,
    [id],
  );
  return rows[0];
}

beforeAll(async () => {
  server = await startTestServer({
    demoConversations: 0,
    outbound: { config: DEFAULT_OUTBOUND, intervalMs: 100 },
  });
  rep = (await server.signIn('rep01@northwind.example')).user;
  await insertChannelAccount(
    server.sql,
    {
      id: 'account-webchat',
      channel: 'webchat',
      account: WIDGET,
      displayName: 'Northwind Shop',
      teamId: rep.teamIds[0] ?? '',
    },
    Date.now(),
  );
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
});

describe('visitorOf', () => {
  it('is the same visitor for the same token on the same widget, and another on another widget', () => {
    const token = 'b'.repeat(32);
    expect(visitorOf('shop', token)).toBe(visitorOf('shop', token));
    expect(visitorOf('shop', token)).toMatch(/^visitor-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(visitorOf('other-shop', token)).not.toBe(visitorOf('shop', token));
    expect(visitorOf('shop', 'c'.repeat(32))).not.toBe(visitorOf('shop', token));
  });
});

describe('web chat', () => {
  it('makes a session for a window without one, or with one it could not have made, and shows a made-up one nothing', async () => {
    const fresh = await chatWindow({ widget: WIDGET });
    expect(fresh.ready.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const spoiled = await chatWindow({ widget: WIDGET, token: 'not a token' });
    expect(spoiled.ready.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(spoiled.ready.token).not.toBe(fresh.ready.token);
    const madeUp = await chatWindow({ widget: WIDGET, token: 'A'.repeat(32) });
    expect(madeUp.ready.token).toBeUndefined();
    expect(madeUp.ready.messages).toEqual([]);
  });

  it('refuses a window for a widget no admin set up, saying which', async () => {
    const error = await chatWindow({ widget: 'no-such-shop' }).then(
      () => null,
      (failure: Error & { data?: { code: string } }) => failure,
    );
    expect(error?.data?.code).toBe('not_found');
    expect(error?.message).toContain('"no-such-shop"');
  });

  it('stores a visitor message in the widget team, once however often the window sends it', async () => {
    const { socket, ready } = await chatWindow({ widget: WIDGET });
    expect(ready.brand).toBe('Northwind Shop');
    expect(ready.messages).toEqual([]);
    expect(ready.token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const clientId = randomUUID().replaceAll('-', '');
    const first = await send(socket, { body: 'Where is my order #1001?', clientId, name: 'Maria' });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.line).toMatchObject({ from: 'visitor', body: 'Where is my order #1001?' });
    const again = await send(socket, { body: 'Where is my order #1001?', clientId });
    expect(again).toMatchObject({ ok: true, line: { id: first.line.id } });

    expect(await messageRow(first.line.id)).toEqual({
      status: 'received',
      channel: 'webchat',
      direction: 'inbound',
      team_id: rep.teamIds[0],
    });
    const details = await server.sql.query<{ account: string; name: string }>(
      `select d.account, cu.name from inbound_details d join messages m on m.id = d.message_id
       join conversations c on c.id = m.conversation_id join customers cu on cu.id = c.customer_id where d.message_id = $1`,
      [first.line.id],
    );
    expect(details).toEqual([{ account: WIDGET, name: 'Maria' }]);
    // The visitor's identity is keyed by their id and shown by a short handle.
    const identity = await server.sql.query<{ value: string; display: string }>(
      `select i.value, i.display from identities i join inbound_details d on d.identity_id = i.id where d.message_id = $1`,
      [first.line.id],
    );
    expect(identity[0]?.value).toMatch(/^visitor-[0-9a-f-]{36}$/);
    expect(identity[0]?.display).toBe(`visitor ${identity[0]?.value.slice(8, 16)}`);
  });

  it('offers the rep the customer whose email the visitor gave, without linking on that alone', async () => {
    const known = await receiveInbound(
      server.sql,
      { channel: 'email', from: 'jane.doe@example.com', body: 'Hello' },
      Date.now(),
    );
    const { socket } = await chatWindow({ widget: WIDGET });
    const wrong = await send(socket, { body: 'Hi', clientId: 'emailcheck01', email: 'jane at example' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (wrong.ok) throw new Error('stored a message with a malformed email');
    expect(wrong.error.message).toContain('That email address does not look right.');

    const sent = await send(socket, {
      body: 'Where is my parcel?',
      clientId: 'emailcheck02',
      email: 'Jane.Doe@example.com',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const rows = await server.sql.query<{ customer_id: string; link_suggestions: { customerId: string }[] | null }>(
      'select c.customer_id, c.link_suggestions from conversations c join messages m on m.conversation_id = c.id where m.id = $1',
      [sent.line.id],
    );
    expect(rows[0]?.customer_id).not.toBe(known.customerId);
    expect(rows[0]?.link_suggestions?.map((suggestion) => suggestion.customerId)).toEqual([known.customerId]);
    // The email is evidence, not the message.
    expect(sent.line.body).toBe('Where is my parcel?');
  });

  it('says why a message is refused: empty, too long, or too many too fast', async () => {
    const { socket } = await chatWindow({ widget: WIDGET });
    const empty = await send(socket, { body: '   ', clientId: 'abcdefgh01' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (empty.ok) throw new Error('stored an empty message');
    expect(empty.error.message).toContain('Write a message first.');
    const long = await send(socket, { body: 'x'.repeat(2_001), clientId: 'abcdefgh02' });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const answers: SendAck[] = [];
    for (let n = 0; n < RATE_LIMIT; n++)
      answers.push(await send(socket, { body: `Hello ${n}`, clientId: `abcdefgh1${n}` }));
    // Two refused above count too: the window's eighth send in ten seconds is its last.
    expect(answers.filter((answer) => answer.ok)).toHaveLength(RATE_LIMIT - 2);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('brings a rep’s reply to every window of the visitor, reports it read, and keeps the thread for the next visit', async () => {
    const { socket, ready } = await chatWindow({ widget: WIDGET });
    const token = ready.token ?? '';
    const other = await chatWindow({ widget: WIDGET, token });
    expect(other.ready.token).toBeUndefined();

    const seenByOther = nextLine(other.socket);
    const asked = await send(socket, { body: 'Can I return my jacket?', clientId: randomUUID().replaceAll('-', '') });
    if (!asked.ok) throw new Error(asked.error.message);
    expect(await seenByOther).toEqual(asked.line);

    const conversation = await server.sql.query<{ conversation_id: string }>(
      'select conversation_id from messages where id = $1',
      [asked.line.id],
    );
    const replied = nextLine(socket);
    const replyArrivesElsewhere = nextLine(other.socket);
    await applyAction(
      server.sql,
      rep,
      {
        id: randomUUID(),
        action: {
          type: 'reply',
          conversationId: conversation[0]?.conversation_id ?? '',
          body: 'Yes: within 30 days.',
          seenAssigneeId: null,
        },
      },
      Date.now(),
      undefined,
      (channel) => channel === 'webchat',
    );
    const reply = await replied;
    expect(reply).toMatchObject({ from: 'brand', body: 'Yes: within 30 days.' });
    expect(await replyArrivesElsewhere).toEqual(reply);
    await expect.poll(async () => (await messageRow(reply.id))?.status).toBe('sent');

    socket.emit('seen', { ids: [reply.id], status: 'read' });
    await expect.poll(async () => (await messageRow(reply.id))?.status).toBe('read');
    // A late "delivered" never undoes "read".
    other.socket.emit('seen', { ids: [reply.id], status: 'delivered' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await messageRow(reply.id))?.status).toBe('read');

    socket.disconnect();
    other.socket.disconnect();
    const back = await chatWindow({ widget: WIDGET, token });
    expect(back.ready.token).toBeUndefined();
    expect(back.ready.messages.map((line) => [line.from, line.body])).toEqual([
      ['visitor', 'Can I return my jacket?'],
      ['brand', 'Yes: within 30 days.'],
    ]);
    // Another visitor sees none of it.
    const stranger = await chatWindow({ widget: WIDGET });
    expect(stranger.ready.messages).toEqual([]);
  });

  it('serves the embed script to any shop, and the chat window only to be framed', async () => {
    const script = await fetch(`${server.url}/webchat.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(await script.text()).toContain('data-widget');
    const frame = await fetch(`${server.url}/webchat/frame?widget=${WIDGET}`);
    expect(frame.headers.get('content-type')).toContain('text/html');
    expect(frame.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await frame.text()).toContain('/socket.io/socket.io.min.js');
    expect((await fetch(`${server.url}/socket.io/socket.io.min.js`)).status).toBe(200);
  });
});
