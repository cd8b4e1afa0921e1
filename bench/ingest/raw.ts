// The baseline: the same message written by one plain INSERT, into the same kind of store, from the
// benchmark's own process (no HTTP, no signature, no identity, no change log).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/sql';
import { seedDemoIfEmpty } from '../../server/demo/seed';
import type { Item } from './load';

export interface RawStore {
  insert: (item: Item) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Inserts into `sql` (the server's own PostgreSQL database), or, for the embedded store, into a fresh
 * PGlite folder seeded like the server's, opened here (PGlite is one process's).
 */
export async function rawStore(sql: Database | null, conversations: number): Promise<RawStore> {
  const own = sql === null;
  const db =
    sql ??
    (await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'caredesk-bench-raw-')), databaseUrl: undefined }));
  if (own) await seedDemoIfEmpty(db, { conversations, seed: 7, now: Date.now() });
  const [target] = await db.query<{ id: string; channel: string }>('select id, channel from conversations limit 1');
  if (!target) throw new Error('the raw store has no conversation');
  return {
    insert: async (item) => {
      await db.query(
        `insert into messages (id, conversation_id, channel, direction, body, created_at, status, provider_message_id)
         values ($1, $2, $3, 'inbound', $4, $5, 'received', $6)`,
        [`raw-${item.n}`, target.id, target.channel, item.text, Date.now(), `RAW${item.n}`],
      );
    },
    close: async () => {
      if (own) await db.close();
    },
  };
}
