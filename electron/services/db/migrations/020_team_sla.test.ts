import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../../shared/domain/sla';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { listTeams, upsertTeam } from '../people';

describe('migration 020 team sla', () => {
  it('keeps version-18 teams on the default policy, and stores a policy a team change carries after', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 18);
    db.prepare("INSERT INTO teams (id, name) VALUES ('t1', 'Care')").run();

    migrate(db, 20);
    expect(schemaVersion(db)).toBe(20);
    migrate(db);
    expect(listTeams(db, null)).toEqual([{ id: 't1', name: 'Care', sla: null }]);

    const policy = { ...DEFAULT_SLA_POLICY, warnShare: 0.4 };
    upsertTeam(db, { id: 't1', name: 'Care', sla: policy });
    expect(listTeams(db, null)).toEqual([{ id: 't1', name: 'Care', sla: policy }]);
  });
});
