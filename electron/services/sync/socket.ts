import { io } from 'socket.io-client';
import type { HandshakeAuth } from '../../../shared/sync';

/** What the sync client needs from a socket.io connection (so tests can pass their own). */
export interface SyncSocket {
  readonly connected: boolean;
  /** False once the client gave up reconnecting by itself (e.g. refused by a server middleware). */
  readonly active: boolean;
  onConnect(listener: () => void): void;
  onDisconnect(listener: (reason: string) => void): void;
  onConnectError(listener: (error: Error) => void): void;
  onPoke(listener: (payload: unknown) => void): void;
  /** Any other server → client event (presence). */
  on(event: string, listener: (payload: unknown) => void): void;
  /** Fire and forget, dropped when not connected (presence: only the latest state matters). */
  emit(event: string, payload: unknown): void;
  /** Emits with an acknowledgement; rejects when not connected, on disconnect, or after `timeoutMs`. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  connect(): void;
  close(): void;
}

export interface SocketOptions {
  auth: HandshakeAuth;
}

export type SocketFactory = (serverUrl: string, options: SocketOptions) => SyncSocket;

/** socket.io-client with its own reconnection (backoff up to 10 s). */
export const connectSocketIo: SocketFactory = (serverUrl, options) => {
  const socket = io(serverUrl, {
    auth: options.auth,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    autoConnect: false,
  });
  return {
    get connected() {
      return socket.connected;
    },
    get active() {
      return socket.active;
    },
    onConnect: (listener) => void socket.on('connect', listener),
    onDisconnect: (listener) => void socket.on('disconnect', (reason) => listener(String(reason))),
    onConnectError: (listener) => void socket.on('connect_error', listener),
    onPoke: (listener) => void socket.on('sync:poke', listener),
    on: (event, listener) => void socket.on(event, listener),
    emit: (event, payload) => {
      if (socket.connected) socket.emit(event, payload);
    },
    request: (event, payload, timeoutMs) =>
      new Promise<unknown>((resolve, reject) => {
        // Not connected: socket.io would buffer the packet and send it after a reconnect, by
        // which time the caller has moved on. Fail now; the outbox and the cursor retry.
        if (!socket.connected) {
          reject(new Error('disconnected'));
          return;
        }
        // An ack cannot arrive over a connection that is gone: give up at once, not at the timeout.
        const onDisconnect = () => reject(new Error('disconnected'));
        socket.once('disconnect', onDisconnect);
        // The callback runs as the ack is read, before a disconnect the server sent right after it
        // (a refused session); a promise would settle a turn later, after the disconnect.
        socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, answer: unknown) => {
          socket.off('disconnect', onDisconnect);
          if (error) reject(error);
          else resolve(answer);
        });
      }),
    connect: () => void socket.connect(),
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
};
