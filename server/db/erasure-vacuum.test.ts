import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vacuumErasedTables } from './erasure';
import { migrate } from './migrate';
import { migrations as allMigrations } from './migrations/index';
import { openPostgres } from './postgres';
import type { Database } from './sql';
import { createTestPostgres } from './testing';

const NAME = 'Ottoline Frostwhistle-4827';

// PostgreSQL only: the race needs a second connection holding a snapshot (PGlite has one connection).
describe.skipIf(process.env.CAREDESK_SKIP_POSTGRES === '1')("the erasure's vacuum and an older transaction", () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;

  beforeAll(async () => {
    database = await createTestPostgres();
    db = openPostgres(database.url, { max: 2 });
    await migrate(db, allMigrations);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  /** Whether the customers table's file holds `text`, after a checkpoint wrote every page out. */
  async function inCustomersFile(text: string): Promise<boolean> {
    await db.query('checkpoint');
    const [where] = await db.query<{ dir: string; path: string }>(
      `select current_setting('data_directory') as dir, pg_relation_filepath('customers') as path`,
    );
    return (await readFile(join(where?.dir ?? '', where?.path ?? ''))).includes(text);
  }

  it('waits for a transaction that began before the erasure, so the rewritten table keeps no old row', async () => {
    await db.query(`insert into customers (id, name, created_at) values ('gone', $1, 1)`, [NAME]);
    // Another connection (a pull, a routing pass) takes its snapshot while the customer still exists.
    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    await reader.query('begin isolation level repeatable read');
    // Its snapshot, taken by its first statement, holds no lock on the erased tables.
    await reader.query('select 1');
    await db.query(`delete from customers where id = 'gone'`);

    const started = Date.now();
    const vacuumed = vacuumErasedTables(db, 10_000);
    // The reader ends a moment later; the vacuum must not have rewritten the table before that.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await reader.query('commit');
    await vacuumed;
    await reader.end();

    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await inCustomersFile(NAME)).toBe(false);
  });
});
