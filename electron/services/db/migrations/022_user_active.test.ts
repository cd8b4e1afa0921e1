import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { listMembers, upsertUser } from '../people';

describe('migration 022 user active', () => {
  it('keeps version-21 users as active members, and leaves out one a later change deactivates', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 21);
    db.prepare(
      `INSERT INTO users (id, name, email, role, team_ids) VALUES ('u1', 'Ana', 'ana@example.com', 'rep', '["t1"]'),
         ('u2', 'Ben', 'ben@example.com', 'lead', '["t1"]')`,
    ).run();

    migrate(db, 22);
    expect(schemaVersion(db)).toBe(22);
    migrate(db);
    expect(listMembers(db, 't1')).toEqual([
      { id: 'u1', name: 'Ana', role: 'rep' },
      { id: 'u2', name: 'Ben', role: 'lead' },
    ]);

    upsertUser(db, { id: 'u2', name: 'Ben', email: 'ben@example.com', role: 'lead', teamIds: ['t1'], active: false });
    expect(listMembers(db, 't1')).toEqual([{ id: 'u1', name: 'Ana', role: 'rep' }]);
    expect(db.prepare("SELECT active FROM users WHERE id = 'u2'").pluck().get()).toBe(0);
  });
});
