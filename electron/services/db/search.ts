// Full-text search over messages.
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../../../shared/api';
import type { SearchHit } from '../../../shared/api';
import type { Channel } from '../../../shared/domain';
import type { Db } from './open';
import { prepared } from './statements';

/** Word characters as the unicode61 tokenizer sees them (letters, digits, marks). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Prefix indexes exist for 2 and 3 characters; a 1-character prefix would scan every term. */
const MIN_PREFIX = 2;

/**
 * Turns what a rep typed into an FTS5 query that cannot be a syntax error: every word becomes
 * a quoted string (no operators, no column filters), all must match, and the last word is
 * matched as a prefix for type-ahead. Null when nothing searchable was typed.
 */
export function toMatchQuery(text: string): string | null {
  const words = text.match(WORD);
  if (!words || words.length === 0) return null;
  return words
    .map((word, i) => {
      const quoted = `"${word}"`;
      return i === words.length - 1 && word.length >= MIN_PREFIX ? `${quoted}*` : quoted;
    })
    .join(' ');
}

interface HitRow {
  id: string;
  conversation_id: string;
  channel: string;
  created_at: number;
  customer_name: string | null;
  snippet: string;
}

/**
 * Newest first (rowid order = arrival order): bm25 over common terms was measured at seconds.
 * Matches in the snippet are wrapped in SNIPPET_MATCH_START/END, which no stored body contains.
 */
export function searchMessages(db: Db, text: string, limit: number): SearchHit[] {
  const match = toMatchQuery(text);
  if (match === null) return [];
  const rows = prepared(
    db,
    `SELECT m.id, m.conversation_id, m.channel, m.created_at, c.customer_name, f.snippet
     FROM (SELECT rowid, snippet(messages_fts, 0, @start, @end, '…', 16) AS snippet
           FROM messages_fts WHERE messages_fts MATCH @match ORDER BY rowid DESC LIMIT @limit) f
     JOIN messages m ON m.seq = f.rowid
     LEFT JOIN conversations c ON c.id = m.conversation_id
     ORDER BY f.rowid DESC`,
  ).all({ match, limit, start: SNIPPET_MATCH_START, end: SNIPPET_MATCH_END }) as HitRow[];
  return rows.map((row) => ({
    messageId: row.id,
    conversationId: row.conversation_id,
    channel: row.channel as Channel,
    customerName: row.customer_name ?? '',
    snippet: row.snippet,
    createdAt: row.created_at,
  }));
}
