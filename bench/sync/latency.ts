// The baseline for action → ack: the same socket.io client the engine uses (connectSocketIo, its
// request with timeout) sending the same payload as an action — `{ id, action }` — with one emit
// and its ack, to a child process (as the server is) whose handler runs one database statement
// of the same shape as the server's on the same PostgreSQL database (echo-server.ts). run.ts
// takes one echo after each action, so that both see the machine in the same state.
import { randomUUID } from 'node:crypto';
import type { Change } from '../../shared/sync';
import { PullRequest, SYNC_PROTOCOL_VERSION } from '../../shared/sync';
import type { User } from '../../shared/domain';
import { pullChanges } from '../../server/db/changes';
import type { Sql } from '../../server/db/sql';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory } from '../../electron/services/sync/socket';
import { startChild } from '../child';

/** The two action types the benchmark makes, as the rep gives them (the engine adds `seenAssigneeId`). */
export type BenchAction =
  | { type: 'tag'; conversationId: string; tag: string; on: boolean }
  | { type: 'note'; conversationId: string; body: string };

export interface Echo {
  /** One echo of `action`: its round trip in milliseconds, from send to ack. */
  once(action: BenchAction): Promise<number>;
  close(): Promise<void>;
}

export async function startEcho(databaseUrl: string): Promise<Echo> {
  const child = await startChild('bench/sync/echo-server.ts', [databaseUrl], /echo listening on (\S+)/);
  const url = child.found;
  // The echo server reads no handshake; the engine's client sends one, so this one does too.
  const socket = connectSocketIo(url, { auth: { token: 'bench-echo', protocol: SYNC_PROTOCOL_VERSION } });
  const connected = new Promise<void>((resolve) => socket.onConnect(resolve));
  socket.connect();
  await connected;
  return {
    once: async (action) => {
      const start = process.hrtime.bigint();
      const payload = { id: randomUUID(), action: { ...action, seenAssigneeId: null } };
      const answer = (await socket.request('echo', payload, 60_000)) as { ok?: boolean };
      if (answer.ok !== true) throw new Error(`the echo failed: ${JSON.stringify(answer)}`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    },
    close: async () => {
      socket.close();
      await child.stop();
    },
  };
}

export interface SocketRecorder {
  /** Each request's milliseconds from send to answer, by event name. */
  samples: Map<string, number[]>;
  /**
   * Every pull the engine made, in order: what it asked for and what the answer held. Not the
   * answers themselves: kept until the end, thousands of changes a page, they would make the
   * engine's thread collect garbage it never has in the app.
   */
  pulls: RecordedPull[];
}

export interface RecordedPull {
  request: PullRequest;
  /** The answer's number of changes and cursor, to check the same page is pulled again; null for a refusal. */
  answer: { changes: number; cursor: number } | null;
}

/**
 * The changes of every page the engine pulled, in order: what its catch-up wrote from. Pulled
 * again with the engine's own requests, by the server's own function on the same (unchanged)
 * log, and checked against what each answer held.
 */
export async function pulledPages(recorder: SocketRecorder, sql: Sql, user: User): Promise<Change[][]> {
  const pages: Change[][] = [];
  for (const { request, answer } of recorder.pulls) {
    if (answer === null) continue;
    const page = await pullChanges(sql, user.teamIds, request.cursor, request.limit, user.id);
    if (page.changes.length !== answer.changes || page.cursor !== answer.cursor) {
      throw new Error(`pulled again from ${request.cursor}, the page differs from the one the engine got`);
    }
    pages.push(page.changes);
  }
  return pages;
}

/** The engine's own socket, timing each request and recording its pulls. */
export function recordingSockets(inner: SocketFactory, recorder: SocketRecorder): SocketFactory {
  return (url, options) => {
    const socket = inner(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: async (name: string, payload: unknown, timeoutMs: number) => {
        const start = process.hrtime.bigint();
        const answer = await socket.request(name, payload, timeoutMs);
        const list = recorder.samples.get(name) ?? [];
        list.push(Number(process.hrtime.bigint() - start) / 1e6);
        recorder.samples.set(name, list);
        if (name === 'sync:pull')
          recorder.pulls.push({ request: PullRequest.parse(payload), answer: answerOf(answer) });
        return answer;
      },
    });
  };
}

function answerOf(answer: unknown): RecordedPull['answer'] {
  const value = (answer as { ok?: boolean; value?: { changes?: unknown[]; cursor?: number } } | null)?.value;
  return value?.changes && typeof value.cursor === 'number'
    ? { changes: value.changes.length, cursor: value.cursor }
    : null;
}
