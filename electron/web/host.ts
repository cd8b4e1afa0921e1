import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { EVENT_NAMES, WIRE_PATH, WireRequest } from '../../shared/api';
import type { ApiHandlers, EventName, EventPayload, WireFrame } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { dispatchCall } from '../services/api/dispatch';
import { readStatic } from './static';

interface HostedEngine {
  handlers: ApiHandlers;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

interface WebHostOptions {
  engine: HostedEngine;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port: number;
  /** Defaults to a fresh random secret for this launch. */
  secret?: string;
}

export interface WebHost {
  /** The address to open, with the launch secret. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the engine to a browser on 127.0.0.1 only. The WebSocket accepts a
 * connection only with this launch's secret and from the host's own origin, so other local
 * programs and web pages cannot drive the engine.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = Buffer.from(options.secret ?? randomBytes(24).toString('base64url'));
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void readStatic(options.staticDir, path).then((file) => {
      if (file.status === 404) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      res
        .writeHead(200, {
          'Content-Type': file.type,
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
          'Cache-Control': 'no-cache',
        })
        .end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let origins: string[] = [];
  http.on('upgrade', (req, socket, head) => {
    // A peer that resets the connection must not take the host (and the engine) down.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = Buffer.from(url.searchParams.get('key') ?? '');
    const keyOk = key.length === secret.length && timingSafeEqual(key, secret);
    // The page must come from this host, by either loopback name; a rebound DNS name fails both checks.
    const ownHost = origins.some((o) => o === `http://${req.headers.host ?? ''}`);
    const ownOrigin = origins.includes(req.headers.origin ?? '');
    if (url.pathname !== WIRE_PATH || !keyOk || !ownOrigin || !ownHost) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.engine));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  origins = [origin, `http://localhost:${port}`];
  return {
    url: `${origin}/?key=${secret.toString()}`,
    origin,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, engine: HostedEngine): void {
  const send = (frame: WireFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = EVENT_NAMES.map((event) => engine.on(event, (payload) => send({ event, payload })));
  ws.on('close', () => unsubscribe.forEach((off) => off()));
  // An oversized or malformed frame: ws closes the socket with a status code; the host lives on.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let request: WireRequest;
    try {
      if (isBinary) throw new Error('binary frame');
      request = WireRequest.parse(JSON.parse((data as Buffer).toString('utf8')));
    } catch {
      ws.close(1003, 'Malformed request');
      return;
    }
    void dispatchCall(engine.handlers, request.name, request.input).then((result) => send({ id: request.id, result }));
  });
}
