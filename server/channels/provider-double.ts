import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a provider double received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the double answers to one request. */
export interface DoubleAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A stand-in for a provider's send API on a loopback port, for tests: it records every request
 * and answers each with the next queued answer, else with `answer(request)`.
 */
export interface ProviderDouble {
  url: string;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order. */
  queue(...answers: DoubleAnswer[]): void;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startProviderDouble(answer: (request: ReceivedRequest) => DoubleAnswer): Promise<ProviderDouble> {
  const received: ReceivedRequest[] = [];
  const queued: DoubleAnswer[] = [];
  const waiters: Array<{ count: number; resolve: (requests: ReceivedRequest[]) => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const reply = queued.shift() ?? answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve([...received]);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    queue: (...answers) => queued.push(...answers),
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve([...received])
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
