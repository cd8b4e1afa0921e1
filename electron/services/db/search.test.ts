import { describe, expect, it } from 'vitest';
import { changes, conversation, customer, message } from '../testing/fixtures';
import { applyChanges } from './changes';
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
    expect(hits[0]?.snippet).toContain('[[Order]]');
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
