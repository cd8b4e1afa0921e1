import { describe, expect, it } from 'vitest';
import { updateNotice } from './UpdateBanner';

describe('updateNotice', () => {
  it('says calmly that a newer Caredesk exists, and how much waits for it', () => {
    expect(updateNotice({ required: false, skipped: 0 }, 0)).toBe(
      'A newer Caredesk is available — update to see everything.',
    );
    expect(updateNotice({ required: false, skipped: 3 }, 2)).toBe(
      'A newer Caredesk is available — update to see everything. 3 updates from the server will appear after it.',
    );
    expect(updateNotice({ required: false, skipped: 1 }, 0)).toContain(' 1 update from the server will appear');
  });

  it('says plainly that this version no longer syncs, and that the rep loses nothing', () => {
    expect(updateNotice({ required: true, skipped: 0 }, 0)).toBe(
      'Update Caredesk to keep syncing: this version can no longer sync with the server. Your changes are kept and sent after the update.',
    );
    expect(updateNotice({ required: true, skipped: 0 }, 1)).toMatch(/ 1 change waits for it\.$/);
    expect(updateNotice({ required: true, skipped: 0 }, 4)).toMatch(/ 4 changes wait for it\.$/);
  });
});
