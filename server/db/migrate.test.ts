import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations/index';
import type { Database } from './sql';
import type { Migration } from './migrations/index';
import { testBackends } from './testing';
import type { TestDatabase } from './testing';

const next = (migrations[migrations.length - 1]?.version ?? 0) + 1;

/** A script whose statements end with `;` inside a function body and inside a string literal, at line ends. */
const withInnerSemicolons: Migration = {
  version: next,
  name: 'inner_semicolons',
  sql: `
    create table team_notes (
      team_id text not null references teams (id),
      body text not null
    );
    create function team_note_count(team text) returns bigint language plpgsql as $$
      declare
        n bigint;
      begin
        select count(*) into n from team_notes where team_id = team;
        return n;
      end
    $$;
    insert into teams (id, name, created_at) values ('t1', 'Team One', 0);
    insert into team_notes (team_id, body) values ('t1', 'first line;
second line');
  `,
};

describe.each(testBackends)('migration scripts on $kind', (backend) => {
  let handle: TestDatabase | undefined;
  let db: Database;

  // Opened in a hook: PGlite's start-up alone can take most of a test's time on a busy machine.
  beforeEach(async () => {
    handle = await backend.open();
    db = handle.db;
  });

  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });

  it('runs each script whole, with a `;` at a line end inside a function body and a string literal', async () => {
    expect(await migrate(db, [...migrations, withInnerSemicolons])).toEqual([next]);
    expect(await schemaVersion(db)).toBe(next);
    expect(await db.query<{ body: string }>('select body from team_notes')).toEqual([
      { body: 'first line;\nsecond line' },
    ]);
    expect(await db.query<{ n: number }>(`select team_note_count('t1')::int as n`)).toEqual([{ n: 1 }]);
  });

  it('rolls a script back whole when a later statement in it fails', async () => {
    const failing: Migration = {
      ...withInnerSemicolons,
      sql: `${withInnerSemicolons.sql}\n    select * from no_such_table;`,
    };
    await expect(migrate(db, [...migrations, failing])).rejects.toThrow(/no_such_table/);
    expect(await schemaVersion(db)).toBe(next - 1);
    expect(await db.query(`select 1 from information_schema.tables where table_name = 'team_notes'`)).toEqual([]);
    expect(await db.query(`select 1 from teams where id = 't1'`)).toEqual([]);
  });
});
