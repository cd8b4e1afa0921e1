import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 24));

describe.each(testBackends)('migration 024 message_suggestion on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every message with no outcome, and takes only the three outcomes', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(await migrateTo(db, 24)).toEqual([24]);
    expect(await snapshot(db)).toEqual({
      ...before,
      messages: before.messages?.map((row) => ({ ...row, suggestion: null })),
    });
    const id = (before.messages?.[0] as { id: string }).id;
    await db.query(`update messages set suggestion = 'edited' where id = $1`, [id]);
    await expect(db.query(`update messages set suggestion = 'maybe' where id = $1`, [id])).rejects.toThrow(
      /messages_suggestion_check/,
    );
  });
});
