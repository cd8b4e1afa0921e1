import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../shared/api';
import { decodeEvent, decodeOutput } from './decode';
import { ApiError, ENGINE_LOST_MESSAGE } from './errors';
import type { EngineLink, RendererTransport } from './types';

/** The part of the browser's WebSocket this transport uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

interface WebSocketTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Reconnect delays grow from `initialDelayMs` by doubling up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** What to tell the rep while the first connection has not succeeded yet. */
  unreachableDetail?: string;
  /** How long a call waits for the socket to (re)open before it fails. */
  queueTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;

type Pending = { resolve: (value: unknown) => void; reject: (error: ApiError) => void; name: CallName };
type Queued = { frame: string; id: number; timer: unknown };

const lostError = (message = ENGINE_LOST_MESSAGE) => new ApiError('engine_unreachable', message);

/** The browser host: one WebSocket, requests answered by id, events pushed; reconnects with backoff. */
export function createWebSocketTransport(options: WebSocketTransportOptions): RendererTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const queueTimeout = options.queueTimeoutMs ?? 15_000;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => window.setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => window.clearTimeout(handle as number));

  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let everConnected = false;
  let link: EngineLink = { state: 'connecting', detail: 'Connecting to the local engine…' };
  const inFlight = new Map<number, Pending>();
  const queue: Queued[] = [];
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(link: EngineLink) => void>();

  function setLink(next: EngineLink): void {
    if (
      next.state === link.state &&
      (next.state === 'connected' || (link.state !== 'connected' && next.detail === link.detail))
    )
      return;
    link = next;
    for (const listener of linkListeners) listener(link);
  }

  function flushQueue(): void {
    while (socket && socket.readyState === OPEN && queue.length > 0) {
      const item = queue.shift();
      if (!item) break;
      clearTimer(item.timer);
      socket.send(item.frame);
    }
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      console.error('Caredesk: unreadable frame from the local engine');
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('id' in frame && typeof frame.id === 'number' && 'result' in frame) {
      settle(frame.id, frame.result);
    } else if ('event' in frame && typeof frame.event === 'string' && 'payload' in frame) {
      const listeners = eventListeners.get(frame.event as EventName);
      if (!listeners || listeners.size === 0) return;
      const payload = decodeEvent(frame.event as EventName, frame.payload);
      if (payload === undefined) return;
      for (const listener of listeners) listener(payload);
    }
  }

  function settle(id: number, result: unknown): void {
    const pending = inFlight.get(id);
    if (!pending) return;
    inFlight.delete(id);
    if (typeof result !== 'object' || result === null || !('ok' in result)) {
      pending.reject(new ApiError('internal', 'The local engine sent an answer Caredesk cannot read.'));
    } else if (result.ok === true && 'value' in result) {
      try {
        pending.resolve(decodeOutput(pending.name, result.value));
      } catch (error) {
        pending.reject(error instanceof ApiError ? error : new ApiError('internal', String(error)));
      }
    } else {
      pending.reject(ApiError.fromUnknown('error' in result ? result.error : undefined));
    }
  }

  function connect(): void {
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      attempt = 0;
      everConnected = true;
      setLink({ state: 'connected' });
      flushQueue();
    };
    current.onmessage = (event) => {
      if (socket === current) handleFrame(event.data);
    };
    current.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Requests already sent may or may not have run: fail them rather than resend.
      for (const pending of inFlight.values()) pending.reject(lostError());
      inFlight.clear();
      setLink({
        state: 'lost',
        detail: everConnected
          ? ENGINE_LOST_MESSAGE
          : (options.unreachableDetail ?? 'Cannot reach the local engine. Retrying…'),
      });
      const delay = Math.min(maxDelay, initialDelay * 2 ** attempt) * (0.8 + Math.random() * 0.4);
      attempt += 1;
      setTimer(connect, delay);
    };
  }

  connect();

  return {
    kind: 'websocket',
    call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      const id = nextId++;
      const frame = JSON.stringify({ id, name, input });
      // Once a connection has been lost, fail at once rather than leave the rep waiting:
      // react-query retries reads, a reply goes back into the composer, and everything on
      // screen is refetched when the link returns. Only the very first connect is waited for.
      if (link.state === 'lost') return Promise.reject(lostError(link.detail));
      return new Promise<CallOutput<N>>((resolve, reject) => {
        inFlight.set(id, { resolve: resolve as (value: unknown) => void, reject, name });
        if (socket && socket.readyState === OPEN) {
          socket.send(frame);
          return;
        }
        const timer = setTimer(() => {
          const index = queue.findIndex((item) => item.id === id);
          if (index >= 0) queue.splice(index, 1);
          if (inFlight.delete(id)) reject(lostError());
        }, queueTimeout);
        queue.push({ frame, id, timer });
      });
    },
    on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
      let listeners = eventListeners.get(name);
      if (!listeners) {
        listeners = new Set();
        eventListeners.set(name, listeners);
      }
      const wrapped = listener as (payload: unknown) => void;
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
    link: () => link,
    onLink(listener) {
      linkListeners.add(listener);
      return () => {
        linkListeners.delete(listener);
      };
    },
  };
}

/** `ws(s)://<host>/api?key=…` for the page this renderer was served from. */
export function wireUrl(location: Pick<Location, 'protocol' | 'host'>, path: string, key: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = key ? `?key=${encodeURIComponent(key)}` : '';
  return `${scheme}//${location.host}${path}${query}`;
}
