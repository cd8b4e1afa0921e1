import { describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { enqueueAction } from '../outbox';
import { resolutionsView } from '../resolutions';

const rep: User = { id: 'u7', name: 'Ana', email: 'ana@example.test', role: 'rep', teamIds: ['t1'] };

describe('migration 008 canned resolutions', () => {
  it('keeps a version-7 outbox and adds the server copy of the rep’s canned resolutions, seen under pending actions', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 7);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '42'), ('user_id', 'u7')`).run();
    const before = db.prepare('SELECT key, value FROM meta ORDER BY key').all();

    migrate(db, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM canned_resolutions').pluck().get()).toBe(0);

    db.prepare(
      `INSERT INTO canned_resolutions (id, owner_id, title, body, updated_at)
       VALUES ('r1', 'u7', 'Refund sent', 'On its way.', 5)`,
    ).run();
    // Today's readers and writers need the later columns too.
    migrate(db);
    enqueueAction(db, {
      id: 'a-1',
      action: { type: 'saveResolution', resolution: { id: 'r2', title: 'Address changed', body: 'Done.' } },
      createdAt: 9,
    });
    enqueueAction(db, { id: 'a-2', action: { type: 'deleteResolution', resolutionId: 'r1' }, createdAt: 10 });
    expect(resolutionsView(db, rep)).toEqual([
      { id: 'r2', ownerId: 'u7', title: 'Address changed', body: 'Done.', updatedAt: 9, pending: true },
    ]);
    // The server's copy is untouched until the server says so.
    expect(db.prepare('SELECT id FROM canned_resolutions').pluck().all()).toEqual(['r1']);
    db.close();
  });
});
