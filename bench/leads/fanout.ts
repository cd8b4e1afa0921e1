// The reassignment baseline's clients: `count` plain socket.io clients, each holding the moved
// conversations' rows in its own SQLite file (WAL, synchronous=NORMAL, as the engine's cache), writing
// every broadcast's rows in one transaction. Resolves each reassignment when every client has written it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { startChild } from '../child';

export interface Fanout {
  /** Reassigns `ids` to `assigneeId`; each client's milliseconds from the call until it wrote them. */
  reassign(ids: string[], assigneeId: string): Promise<number[]>;
  close(): Promise<void>;
}

interface Row {
  id: string;
  assignee_id: string;
}

export async function startFanout(databaseUrl: string, count: number, ids: string[]): Promise<Fanout> {
  const child = await startChild('bench/leads/fanout-server.ts', [databaseUrl], /fanout listening on (\d+)/);
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-fanout-'));
  let pending: { start: number; wanted: number; done: number[]; resolve: (ms: number[]) => void } | null = null;
  const clients = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const db = new Database(join(dir, `client-${i}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec('create table conversations (id text primary key, assignee_id text, row text not null)');
      const insert = db.prepare('insert into conversations (id, row) values (?, ?)');
      db.transaction(() => ids.forEach((id) => insert.run(id, '{}')))();
      const update = db.prepare('update conversations set assignee_id = ?, row = ? where id = ?');
      const write = db.transaction((rows: Row[]) =>
        rows.forEach((r) => update.run(r.assignee_id, JSON.stringify(r), r.id)),
      );
      const socket: Socket = io(`http://127.0.0.1:${child.found}`, { transports: ['websocket'] });
      socket.on('changed', (rows: Row[]) => {
        write(rows);
        if (!pending) return;
        pending.done.push(performance.now() - pending.start);
        if (pending.done.length === pending.wanted) pending.resolve(pending.done);
      });
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      return { db, socket };
    }),
  );
  const first = clients[0]?.socket;
  if (!first) throw new Error('no fanout client');
  await first.emitWithAck('copy', ids);
  return {
    reassign: (moved, assigneeId) =>
      new Promise<number[]>((resolve) => {
        pending = { start: performance.now(), wanted: count, done: [], resolve };
        first.emit('reassign', { ids: moved, assigneeId }, () => {});
      }),
    close: async () => {
      for (const c of clients) {
        c.socket.close();
        c.db.close();
      }
      await child.stop();
    },
  };
}
