// A pulled page applied a slice at a time, reading each change on its own (db/changes.ts pageSlices).
import { describe, expect, it } from 'vitest';
import { currentChangeReader } from '../../../shared/sync';
import { frozenChangeReader } from '../../../shared/sync/versions';
import { changes, conversation, customer, message, team, user } from '../testing/fixtures';
import { applyChanges, pageSlices } from './changes';
import { getConversation } from './conversations';
import { countSkipped, getCursor, rewindSkipped, setMeta } from './meta';
import { openCache } from './open';

function seeded() {
  const db = openCache(':memory:');
  applyChanges(db, changes(team('t1'), user('u1'), customer('cu1'), conversation('c1')));
  return db;
}

/** A clock that moves one millisecond every time it is read. */
function ticking(): () => number {
  let now = 0;
  return () => now++;
}

describe('pageSlices', () => {
  it('applies a page in slices of a time budget, each storing the cursor it reached', () => {
    const db = seeded();
    const page = changes(...['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((id) => message(id, { conversationId: 'c1' })));
    const pageCursor = (page.at(-1)?.seq ?? 0) + 5;
    const slices = pageSlices(db, { changes: page, from: 0, cursor: pageCursor }, currentChangeReader, 1000, ticking());
    const cursors: number[] = [];
    for (let done = false; !done;) {
      done = slices.next(4).done;
      cursors.push(getCursor(db));
    }
    // Reading all six takes the first budget; each later one writes a few, within its own budget.
    expect(cursors.length).toBeGreaterThan(2);
    expect(cursors.at(-1)).toBe(pageCursor);
    expect(cursors.slice(1, -1).every((cursor, i) => cursor > (cursors[i] ?? 0) && cursor < pageCursor)).toBe(true);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(slices.next(4)).toEqual({ conversationIds: [], done: true });
    db.close();
  });

  it('writes at most maxChunk changes per slice however much time is left', () => {
    const db = seeded();
    const page = changes(...['m1', 'm2', 'm3'].map((id) => message(id, { conversationId: 'c1' })));
    const slices = pageSlices(db, { changes: page, from: 0, cursor: 99 }, currentChangeReader, 2, () => 0);
    expect(slices.next(8).done).toBe(false);
    expect(getCursor(db)).toBe(page[1]?.seq);
    expect(slices.next(8).done).toBe(true);
    expect(getCursor(db)).toBe(99);
    db.close();
  });

  it('skips what its version cannot read, records the first such seq, and applies the rest of the page', () => {
    const db = seeded();
    const page: unknown[] = changes(
      message('m1', { conversationId: 'c1' }),
      message('m2', { conversationId: 'c1', status: 'read' }),
      message('m3', { conversationId: 'c1' }),
    );
    const unknownKind = { seq: 900, kind: 'attachment', data: { id: 'a1' } };
    page.splice(2, 0, unknownKind);
    const v3 = frozenChangeReader(3);
    const slices = pageSlices(db, { changes: page, from: 0, cursor: 950 }, v3, 1000, () => 0);
    expect(slices.next(8)).toEqual({ conversationIds: ['c1'], done: true });
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'm3']);
    expect(getCursor(db)).toBe(950);
    expect(countSkipped(db)).toBe(2);
    // The first skipped seq is where an upgraded engine reads again from.
    const readSeq = (page[1] as { seq: number }).seq;
    expect(rewindSkipped(db, 3)).toBeNull();
    expect(rewindSkipped(db, 4)).toBe(readSeq - 1);
    expect(getCursor(db)).toBe(readSeq - 1);
    expect(countSkipped(db)).toBe(0);
    expect(rewindSkipped(db, 4)).toBeNull();
    db.close();
  });

  it('writes the newest version it can read when a newer one is unreadable', () => {
    const db = seeded();
    const page: unknown[] = changes(
      conversation('c1', { subject: 'readable' }),
      conversation('c1', { subject: 'unreadable' }),
    );
    const unreadable = page[1] as { data: Record<string, unknown> };
    unreadable.data.status = 'escalated';
    const slices = pageSlices(db, { changes: page, from: 0, cursor: 500 }, currentChangeReader, 1000, () => 0);
    expect(slices.next(8).done).toBe(true);
    expect(getConversation(db, 'c1').conversation.subject).toBe('readable');
    expect(countSkipped(db)).toBe(1);
    db.close();
  });

  it('never moves the cursor forward when rewinding, and an empty page still stores its cursor', () => {
    const db = seeded();
    setMeta(db, 'cursor', '40');
    setMeta(db, 'skipped_changes', JSON.stringify({ from: 70, version: 3, count: 1 }));
    expect(rewindSkipped(db, 4)).toBe(40);
    const empty = pageSlices(db, { changes: [], from: 40, cursor: 80 }, currentChangeReader, 1000);
    expect(empty.next(8)).toEqual({ conversationIds: [], done: true });
    expect(getCursor(db)).toBe(80);
    db.close();
  });
});
