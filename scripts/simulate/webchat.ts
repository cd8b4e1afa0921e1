// Simulated shoppers on a shop's web chat: each person is one visitor (one session token, one
// socket) on the `/webchat` namespace, writing as the chat window does (server/webchat/README.md).
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { WEBCHAT_NAMESPACE } from '../../server/webchat/protocol';
import type { Person } from './deliveries';

/** What a send came to, in the simulator's terms: 200 stored, 404 no such widget, 400 refused, 0 unreachable. */
export interface ChatOutcome {
  status: number;
  text: string;
}

export interface Visitors {
  send(person: Person, text: string): Promise<ChatOutcome>;
  close(): void;
}

type Ack = { ok: true } | { ok: false; error: { code: string; message: string } };

const TIMEOUT_MS = 10_000;

/** Visitors of web-chat widget `widget` on `server`, one per person, connected when they first write. */
export function webchatVisitors(server: string, widget: string): Visitors {
  const sockets = new Map<string, Promise<Socket>>();

  const connect = (person: Person): Promise<Socket> => {
    const socket = io(new URL(WEBCHAT_NAMESPACE, server).toString(), {
      auth: { widget },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    return new Promise<Socket>((resolve, reject) => {
      socket.once('ready', (hello: { token?: string }) => {
        // Kept as the page would keep it: a reconnect is the same visitor.
        if (hello.token) socket.auth = { widget, token: hello.token };
        resolve(socket);
      });
      socket.once('connect_error', (error: Error) => {
        socket.close();
        sockets.delete(person.email);
        reject(error);
      });
    });
  };

  return {
    async send(person, text) {
      let socket: Socket;
      try {
        const known = sockets.get(person.email) ?? connect(person);
        sockets.set(person.email, known);
        socket = await known;
      } catch (error) {
        // The server's refusal says why (an unknown widget: not_found); no answer at all is 0.
        const code = (error as { data?: { code?: string } }).data?.code;
        const text = error instanceof Error ? error.message : String(error);
        return { status: code === 'not_found' ? 404 : code ? 400 : 0, text };
      }
      const message = { body: text, clientId: randomUUID().replaceAll('-', ''), name: person.name };
      try {
        const ack = (await socket.timeout(TIMEOUT_MS).emitWithAck('send', message)) as Ack;
        return ack.ok ? { status: 200, text: '' } : { status: 400, text: `${ack.error.code}: ${ack.error.message}` };
      } catch (error) {
        return { status: 0, text: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {
      for (const pending of sockets.values())
        void pending.then(
          (socket) => socket.close(),
          () => undefined,
        );
      sockets.clear();
    },
  };
}
