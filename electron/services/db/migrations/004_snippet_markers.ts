import type { Migration } from '../migrate';

/**
 * Search snippets now mark matches with U+0002 and U+0003 (shared/api/search.ts), which no
 * stored body may contain (messages.ts strips them on write). Strips them from bodies cached
 * before that, keeping the external-content index in step (its delete needs the old text).
 * One scan of the bodies: ~0.3 s for a million messages.
 */
export const m004SnippetMarkers: Migration = {
  version: 4,
  name: 'snippet_markers',
  up(db) {
    const rows = db
      .prepare('SELECT seq, body FROM messages WHERE instr(body, char(2)) > 0 OR instr(body, char(3)) > 0')
      .all() as { seq: number; body: string }[];
    const unindex = db.prepare("INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', ?, ?)");
    const update = db.prepare('UPDATE messages SET body = ? WHERE seq = ?');
    const index = db.prepare('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)');
    for (const { seq, body } of rows) {
      const clean = body.replaceAll('\u0002', '').replaceAll('\u0003', '');
      unindex.run(seq, body);
      update.run(clean, seq);
      index.run(seq, clean);
    }
  },
};
