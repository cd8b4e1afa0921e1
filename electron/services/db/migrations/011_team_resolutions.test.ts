import { describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain';
import { dropTeams } from '../deletions';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { resolutionsView, upsertResolution } from '../resolutions';

const rep: User = { id: 'u7', name: 'Ana', email: 'ana@example.test', role: 'rep', teamIds: ['t1'] };

describe('migration 011 team resolutions', () => {
  it('keeps version-10 items as the rep’s own and stores team items with their actions', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 10);
    db.prepare(
      `INSERT INTO canned_resolutions (id, owner_id, title, body, updated_at)
       VALUES ('r1', 'u7', 'Refund sent', 'On its way.', 5)`,
    ).run();

    migrate(db, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(resolutionsView(db, rep)).toEqual([
      { id: 'r1', ownerId: 'u7', title: 'Refund sent', body: 'On its way.', updatedAt: 5, pending: false },
    ]);

    const then = { tags: ['late'], snoozeHours: 24 };
    upsertResolution(db, {
      id: 'r2',
      ownerId: 'lead',
      title: 'Late parcel',
      body: 'Soon.',
      updatedAt: 6,
      teamId: 't1',
      then,
    });
    expect(resolutionsView(db, rep).map((r) => [r.id, r.teamId, r.then])).toEqual([
      ['r2', 't1', then],
      ['r1', undefined, undefined],
    ]);

    // Leaving the team drops its library, not the rep's own items.
    dropTeams(db, ['t1']);
    expect(db.prepare('SELECT id FROM canned_resolutions').pluck().all()).toEqual(['r1']);
    db.close();
  });
});
