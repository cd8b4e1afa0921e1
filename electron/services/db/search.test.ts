import { describe, expect, it } from 'vitest';
import { SNIPPET_MATCH_END as END, SNIPPET_MATCH_START as START } from '../../../shared/api';
import { changes, conversation, customer, message } from '../testing/fixtures';
import { applyChanges } from './changes';
import { getConversation } from './conversations';
import { openCache } from './open';
import { searchMessages, toMatchQuery } from './search';

function seeded() {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      customer('cu1', { name: 'Maria Rossi' }),
      conversation('c1'),
      message('m1', { body: 'Where is my order #1042?', createdAt: 1 }),
      message('m2', { body: 'The shipment is late again', createdAt: 2 }),
      message('m3', { body: 'Order 1042 arrived, thanks! Crème brûlée', createdAt: 3 }),
      message('m4', { body: 'Shipping to "Berlin" (AND) NOT -near* :col', createdAt: 4 }),
    ),
  );
  return db;
}

describe('searchMessages', () => {
  it('finds whole words, newest first, with marked snippets', () => {
    const db = seeded();
    const hits = searchMessages(db, 'order', 10);
    expect(hits.map((h) => h.messageId)).toEqual(['m3', 'm1']);
    expect(hits[0]).toMatchObject({ conversationId: 'c1', channel: 'x', customerName: 'Maria Rossi', createdAt: 3 });
    expect(hits[0]?.snippet).toBe(`${START}Order${END} 1042 arrived, thanks! Crème brûlée`);
    expect(hits[1]?.snippet).toBe(`Where is my ${START}order${END} #1042?`);
    db.close();
  });

  it('marks only real matches: text in a message cannot forge a highlight', () => {
    const db = seeded();
    applyChanges(
      db,
      changes(
        message('m5', { body: 'See [[refund]] policy', createdAt: 5 }),
        message('m6', { body: `Your ${START}refund${END} is ${START}approved${END} today`, createdAt: 6 }),
      ),
    );
    // The markers a customer typed are gone from the stored body, which is what the index saw.
    expect(getConversation(db, 'c1').messages.find((m) => m.id === 'm6')?.body).toBe('Your refund is approved today');
    const hits = searchMessages(db, 'refund', 10);
    expect(hits.map((h) => [h.messageId, h.snippet])).toEqual([
      ['m6', `Your ${START}refund${END} is approved today`],
      ['m5', `See [[${START}refund${END}]] policy`],
    ]);
    expect(searchMessages(db, 'approved', 10).map((h) => h.snippet)).toEqual([
      `Your refund is ${START}approved${END} today`,
    ]);
    // An update re-indexes the clean text.
    applyChanges(db, changes(message('m6', { body: `Now ${START}escalated${END}`, createdAt: 6 })));
    expect(searchMessages(db, 'escalated', 10).map((h) => h.snippet)).toEqual([`Now ${START}escalated${END}`]);
    expect(searchMessages(db, 'approved', 10)).toEqual([]);
    db.close();
  });

  it('matches the last word as a prefix, for type-ahead', () => {
    const db = seeded();
    expect(searchMessages(db, 'shi', 10).map((h) => h.messageId)).toEqual(['m4', 'm2']);
    expect(searchMessages(db, 'ship', 10).map((h) => h.messageId)).toEqual(['m4', 'm2']);
    expect(searchMessages(db, 'order 10', 10).map((h) => h.messageId)).toEqual(['m3', 'm1']);
    // Only the last word is a prefix.
    expect(searchMessages(db, 'shi late', 10)).toEqual([]);
    db.close();
  });

  it('ignores accents and case', () => {
    const db = seeded();
    expect(searchMessages(db, 'CREME brulee', 10).map((h) => h.messageId)).toEqual(['m3']);
    db.close();
  });

  it('treats any text as words, never as query syntax', () => {
    const db = seeded();
    for (const text of [
      '"',
      "'",
      '(',
      'AND',
      'NOT',
      'near*',
      ':col',
      'a OR b',
      '"unclosed',
      '*',
      '^',
      'body:x',
      '\\',
      '{}',
      '🙂',
      'a"b',
    ]) {
      expect(() => searchMessages(db, text, 10)).not.toThrow();
    }
    expect(searchMessages(db, '"Berlin" (AND)', 10).map((h) => h.messageId)).toEqual(['m4']);
    expect(searchMessages(db, 'NOT', 10).map((h) => h.messageId)).toEqual(['m4']);
    db.close();
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    const db = seeded();
    expect(searchMessages(db, '', 10)).toEqual([]);
    expect(searchMessages(db, '   ', 10)).toEqual([]);
    expect(searchMessages(db, '?!…', 10)).toEqual([]);
    expect(toMatchQuery('')).toBeNull();
    db.close();
  });

  it('respects the limit', () => {
    const db = seeded();
    expect(searchMessages(db, 'order', 1).map((h) => h.messageId)).toEqual(['m3']);
    db.close();
  });

  it('builds quoted queries', () => {
    expect(toMatchQuery('where is my ord')).toBe('"where" "is" "my" "ord"*');
    expect(toMatchQuery('a"bc')).toBe('"a" "bc"*');
    expect(toMatchQuery('x')).toBe('"x"');
  });
});
