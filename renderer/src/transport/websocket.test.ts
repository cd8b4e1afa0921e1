import { describe, expect, it } from 'vitest';
import type { SocketLike } from './websocket';
import { createWebSocketTransport, wireUrl } from './websocket';
import { ApiError } from './errors';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  lastRequest(): { id: number; name: string; input: unknown } {
    return JSON.parse(this.sent.at(-1) ?? 'null') as { id: number; name: string; input: unknown };
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:1/api?key=k',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimer: (handle) => {
      const timer = timers[handle as number];
      if (timer) timer.fn = () => undefined;
    },
  });
  return { transport, sockets, timers, socket: () => sockets.at(-1) as FakeSocket };
}

const sync = {
  connection: 'online',
  lastSyncedAt: 1,
  pendingActions: 0,
  rejectedActions: 0,
  detail: null,
  update: null,
};

describe('websocket transport', () => {
  it('queues calls until the socket opens, then answers them by id', async () => {
    const { transport, socket } = setup();
    const answer = transport.call('sync:status', {});
    expect(socket().sent).toHaveLength(0);
    socket().open();
    const request = socket().lastRequest();
    expect(request).toMatchObject({ name: 'sync:status', input: {} });
    socket().receive({ id: request.id, result: { ok: true, value: sync } });
    await expect(answer).resolves.toEqual(sync);
  });

  it('turns an error envelope into an ApiError with its code', async () => {
    const { transport, socket } = setup();
    socket().open();
    const answer = transport.call('session:signIn', { email: 'a@b.c', password: 'x' });
    socket().receive({
      id: socket().lastRequest().id,
      result: { ok: false, error: { code: 'bad_credentials', message: 'Wrong email or password.' } },
    });
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'bad_credentials', message: 'Wrong email or password.' });
  });

  it('keeps the code and message of an error this build does not know yet', async () => {
    const { transport, socket } = setup();
    socket().open();
    const answer = transport.call('session:signIn', { email: 'a@b.c', password: 'x' });
    socket().receive({
      id: socket().lastRequest().id,
      result: { ok: false, error: { code: 'rate_limited', message: 'Too many attempts. Try again in a minute.' } },
    });
    await expect(answer).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'Too many attempts. Try again in a minute.',
    });
  });

  it('reports an unreadable error envelope as internal', async () => {
    const { transport, socket } = setup();
    socket().open();
    const answer = transport.call('sync:status', {});
    socket().receive({ id: socket().lastRequest().id, result: { ok: false, error: { code: 7 } } });
    await expect(answer).rejects.toMatchObject({ code: 'internal' });
  });

  it('rejects an answer that does not match the contract', async () => {
    const { transport, socket } = setup();
    socket().open();
    const answer = transport.call('sync:status', {});
    socket().receive({ id: socket().lastRequest().id, result: { ok: true, value: { connection: 'sideways' } } });
    await expect(answer).rejects.toMatchObject({ code: 'internal' });
  });

  it('delivers events to listeners and drops malformed ones', () => {
    const { transport, socket } = setup();
    socket().open();
    const seen: unknown[] = [];
    const off = transport.on('inbox:changed', (payload) => seen.push(payload));
    socket().receive({ event: 'inbox:changed', payload: { conversationIds: ['c1'] } });
    socket().receive({ event: 'inbox:changed', payload: { conversationIds: 'c1' } });
    off();
    socket().receive({ event: 'inbox:changed', payload: { conversationIds: ['c2'] } });
    expect(seen).toEqual([{ conversationIds: ['c1'] }]);
  });

  it('fails in-flight calls when the socket drops, says so, and reconnects with growing delays', async () => {
    const { transport, sockets, timers, socket } = setup();
    const links: string[] = [];
    transport.onLink((link) => links.push(link.state === 'connected' ? 'connected' : `${link.state}: ${link.detail}`));
    socket().open();
    const answer = transport.call('sync:status', {});
    socket().drop();
    await expect(answer).rejects.toMatchObject({ code: 'engine_unreachable' });
    expect(links.at(-1)).toMatch(/lost: Connection to the local engine lost/);

    const first = timers.at(-1);
    first?.fn();
    expect(sockets).toHaveLength(2);
    socket().drop();
    const second = timers.at(-1);
    expect(second?.ms ?? 0).toBeGreaterThan(first?.ms ?? Infinity);
    second?.fn();
    socket().open();
    expect(links.at(-1)).toBe('connected');
    expect(transport.link()).toEqual({ state: 'connected' });
  });

  it('fails calls at once while the link is lost, and works again once it is back', async () => {
    const { transport, timers, socket } = setup();
    socket().open();
    socket().drop();
    await expect(transport.call('sync:status', {})).rejects.toMatchObject({ code: 'engine_unreachable' });
    timers.at(-1)?.fn();
    socket().open();
    const answer = transport.call('sync:status', {});
    socket().receive({ id: socket().lastRequest().id, result: { ok: true, value: sync } });
    await expect(answer).resolves.toEqual(sync);
  });

  it('fails a queued call if the engine stays out of reach', async () => {
    const { transport, timers } = setup();
    const answer = transport.call('sync:status', {});
    timers.at(-1)?.fn();
    await expect(answer).rejects.toMatchObject({ code: 'engine_unreachable' });
  });
});

describe('wireUrl', () => {
  it('follows the page scheme and escapes the key', () => {
    expect(wireUrl({ protocol: 'http:', host: '127.0.0.1:4481' }, '/api', 'a b')).toBe(
      'ws://127.0.0.1:4481/api?key=a%20b',
    );
    expect(wireUrl({ protocol: 'https:', host: 'x' }, '/api', null)).toBe('wss://x/api');
  });
});
