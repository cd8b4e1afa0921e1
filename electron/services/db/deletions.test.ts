import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change, DeletableEntity } from '../../../shared/sync';
import type { Note } from '../../../shared/domain';
import { changes, conversation, conversationData, customer, message, order, team, user } from '../testing/fixtures';
import { applyChanges, pageChunks } from './changes';
import { getConversation, getCustomer } from './conversations';
import { getCursor, setMeta } from './meta';
import { openCache } from './open';
import type { Db } from './open';
import { getOpenedCustomer, saveOpenedCustomer } from './opened-customers';
import { getSyncedTeamIds, setSyncedTeamIds } from './people';
import { searchMessages } from './search';

const deletion = (entity: DeletableEntity, id: string): Omit<Change, 'seq'> => ({
  kind: 'delete',
  data: { entity, id },
});

const note = (id: string, conversationId = 'c1'): Omit<Change, 'seq'> => ({
  kind: 'note',
  data: {
    id,
    conversationId,
    authorId: 'u1',
    body: `Note ${id}`,
    createdAt: 3_000,
    clientId: `a-${id}`,
  } satisfies Note,
});

/** Team t1: customer cu1 (two identities, two orders) with conversation c1 (two messages, a note). */
function seeded(db: Db = openCache(':memory:')): Db {
  applyChanges(
    db,
    changes(
      team('t1'),
      user('u1'),
      customer('cu1'),
      order('o1'),
      order('o2'),
      conversation('c1'),
      message('m1', { body: 'my kettle leaks' }),
      message('m2', { body: 'the kettle arrived dented' }),
      note('n1'),
    ),
  );
  return db;
}

/** What a lookup of cu1 brought back, as the engine keeps it. */
function openCu1(db: Db): void {
  const detail = getConversation(db, 'c1');
  saveOpenedCustomer(
    db,
    {
      customer: detail.customer,
      orders: detail.orders,
      conversations: [conversationData('c1')],
    },
    5_000,
  );
}

const rows = (db: Db, sql: string) => db.prepare(sql).all();
const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('delete changes', () => {
  it('delete a customer: its identities, orders and opened copy go; its conversations stay, without its name', () => {
    const db = seeded();
    openCu1(db);
    const applied = applyChanges(db, changes(deletion('customer', 'cu1')));
    expect(applied.conversationIds).toEqual(['c1']);
    expect(getCustomer(db, 'cu1')).toBeNull();
    expect([count(db, 'identities'), count(db, 'orders'), count(db, 'opened_customers')]).toEqual([0, 0, 0]);
    expect(getConversation(db, 'c1').conversation).toMatchObject({ customerName: '', customerHandle: '' });
    db.close();
  });

  it('delete an identity: the list shows the customer’s next handle, and an opened copy naming it is dropped', () => {
    const db = seeded();
    openCu1(db);
    expect(getConversation(db, 'c1').conversation.customerHandle).toBe('@cu1_handle');
    const applied = applyChanges(db, changes(deletion('identity', 'cu1-x')));
    expect(applied.conversationIds).toEqual(['c1']);
    expect(getCustomer(db, 'cu1')?.identities.map((i) => i.id)).toEqual(['cu1-sms']);
    expect(getConversation(db, 'c1').conversation.customerHandle).toBe('+1 415 555 0100');
    expect(getOpenedCustomer(db, 'cu1')).toBeNull();
    db.close();
  });

  it('delete an order: that order goes, the others stay', () => {
    const db = seeded();
    openCu1(db);
    applyChanges(db, changes(deletion('order', 'o1')));
    expect(getConversation(db, 'c1').orders.map((o) => o.id)).toEqual(['o2']);
    expect(getOpenedCustomer(db, 'cu1')).toBeNull();
    db.close();
  });

  it('delete a conversation: its messages, their search entries, its notes and its count go', () => {
    const db = seeded();
    applyChanges(db, changes(conversation('c2'), message('m3', { conversationId: 'c2', body: 'kettle again' })));
    const applied = applyChanges(db, changes(deletion('conversation', 'c1')));
    expect(applied.conversationIds).toEqual(['c1']);
    expect(() => getConversation(db, 'c1')).toThrow(/not in your inbox/);
    expect(rows(db, 'SELECT id FROM messages')).toEqual([{ id: 'm3' }]);
    expect(count(db, 'notes')).toBe(0);
    expect(searchMessages(db, 'kettle', 10).map((h) => h.messageId)).toEqual(['m3']);
    expect(rows(db, "SELECT sum(n) AS n FROM conversation_counts WHERE assignee_id = '*'")).toEqual([{ n: 1 }]);
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });

  it('delete a message: it and its search entry go; delete a note: it goes; each reports its conversation', () => {
    const db = seeded();
    expect(applyChanges(db, changes(deletion('message', 'm2'))).conversationIds).toEqual(['c1']);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1']);
    expect(searchMessages(db, 'dented', 10)).toEqual([]);
    expect(searchMessages(db, 'kettle', 10).map((h) => h.messageId)).toEqual(['m1']);
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
    expect(applyChanges(db, changes(deletion('note', 'n1'))).conversationIds).toEqual(['c1']);
    expect(getConversation(db, 'c1').notes).toEqual([]);
    // Deleting what the cache never held changes nothing and reports nothing.
    expect(applyChanges(db, changes(deletion('message', 'nope'), deletion('note', 'nope'))).conversationIds).toEqual(
      [],
    );
    db.close();
  });

  it('in one page, a delete is the last version of its entity: an earlier upsert is not written after it, a later one wins', () => {
    const db = openCache(':memory:');
    applyChanges(
      db,
      changes(
        customer('cu1'),
        order('o1'),
        customer('cu1', { name: 'Renamed' }),
        deletion('customer', 'cu1'),
        deletion('order', 'o1'),
        // Another kind of entity with the deleted one's id is not affected.
        order('cu1'),
        deletion('customer', 'cu2'),
        customer('cu2'),
      ),
    );
    expect(rows(db, 'SELECT id, name FROM customers')).toEqual([{ id: 'cu2', name: 'Customer cu2' }]);
    expect(rows(db, 'SELECT id FROM orders')).toEqual([{ id: 'cu1' }]);
    db.close();
  });
});

describe('a page that deletes', () => {
  it('never writes a version of what it deletes later, even when the app stops before the delete', () => {
    const db = openCache(':memory:');
    const page = changes(
      customer('cu1'),
      order('o1'),
      conversation('c1'),
      deletion('customer', 'cu1'),
      deletion('order', 'o1'),
    );
    const chunks = pageChunks(db, page, page.at(-1)?.seq ?? 0, 1);
    // The first three of five transactions commit, then the app stops.
    for (const chunk of chunks.slice(0, 3)) chunk();
    expect([count(db, 'customers'), count(db, 'identities'), count(db, 'orders')]).toEqual([0, 0, 0]);
    expect(getCursor(db)).toBe(page[2]?.seq);
    db.close();
  });
});

describe('erasure', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no byte of a deleted message in the cache file, and search no longer finds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-erasure-'));
    dirs.push(dir);
    const file = join(dir, 'cache.db');
    const db = seeded(openCache(file));
    // Enough other messages that the search index has several segments and pages.
    applyChanges(
      db,
      changes(
        ...Array.from({ length: 300 }, (_, i) => message(`x${i}`, { body: `parcel ${i} left the warehouse today` })),
      ),
    );
    const secret = 'Zanzibarquux Lane 7731';
    applyChanges(db, changes(message('secret', { body: `Please ship to ${secret} instead` })));
    applyChanges(db, changes(...Array.from({ length: 50 }, (_, i) => message(`y${i}`, { body: `follow up ${i}` }))));
    const bytes = () => {
      db.pragma('wal_checkpoint(TRUNCATE)');
      return readFileSync(file);
    };
    // The test can see the text when it is there: in the row and, lower-cased, in the index.
    expect(bytes().includes('Zanzibarquux')).toBe(true);
    expect(bytes().includes('zanzibarquux')).toBe(true);
    expect(searchMessages(db, 'zanzibarquux', 10).map((h) => h.messageId)).toEqual(['secret']);

    applyChanges(db, changes(deletion('message', 'secret')));
    expect(searchMessages(db, 'zanzibarquux', 10)).toEqual([]);
    expect(searchMessages(db, 'Zanzibar', 10)).toEqual([]);
    const after = bytes();
    for (const text of ['Zanzibarquux', 'zanzibarquux', 'anzibarquux', secret]) {
      expect(after.includes(text), text).toBe(false);
    }
    expect(readFileSync(`${file}-wal`).length).toBe(0);
    expect(searchMessages(db, 'warehouse', 500)).toHaveLength(300);
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });
});

describe('leaving a team', () => {
  /** The signed-in user u1 in teams t1 and t2; c2 (customer cu2, order o9) is in t2. */
  function inTwoTeams(): Db {
    const db = seeded();
    setMeta(db, 'user_id', 'u1');
    setSyncedTeamIds(db, ['t1', 't2']);
    setMeta(db, 'last_synced_at', '1000');
    applyChanges(
      db,
      changes(
        team('t2'),
        user('u1', { teamIds: ['t1', 't2'] }),
        customer('cu2'),
        order('o9', { customerId: 'cu2' }),
        conversation('c2', { teamId: 't2', customerId: 'cu2' }),
        message('m9', { conversationId: 'c2', body: 'refund for the teapot' }),
        note('n9', 'c2'),
        // cu1 also wrote to t2: it stays, as c1 in t1 still shows it.
        conversation('c3', { teamId: 't2', customerId: 'cu1' }),
      ),
    );
    return db;
  }

  it('drops every conversation of a team the signed-in user left, with what only it showed', () => {
    const db = inTwoTeams();
    const applied = applyChanges(db, changes(user('u1', { teamIds: ['t1'] })));
    expect(applied.conversationIds.sort()).toEqual(['c2', 'c3']);
    expect(rows(db, 'SELECT id FROM conversations')).toEqual([{ id: 'c1' }]);
    expect(rows(db, "SELECT id FROM messages WHERE conversation_id = 'c2'")).toEqual([]);
    expect(searchMessages(db, 'teapot', 10)).toEqual([]);
    expect(count(db, 'notes')).toBe(1);
    expect(getCustomer(db, 'cu2')).toBeNull();
    expect(rows(db, 'SELECT id FROM orders ORDER BY id')).toEqual([{ id: 'o1' }, { id: 'o2' }]);
    expect(getCustomer(db, 'cu1')).not.toBeNull();
    expect(getSyncedTeamIds(db)).toEqual(['t1']);
    expect(
      rows(db, "SELECT team_id, sum(n) AS n FROM conversation_counts WHERE assignee_id = '*' GROUP BY team_id"),
    ).toEqual([
      { team_id: 't1', n: 1 },
      { team_id: 't2', n: 0 },
    ]);
    db.close();
  });

  it('drops nothing for another user’s teams, while a first sync (or one again from 0) replays older versions of the user, or before the cache knows its teams', () => {
    const db = inTwoTeams();
    expect(applyChanges(db, changes(user('u2', { teamIds: ['t1'] }))).conversationIds).toEqual([]);
    db.prepare("DELETE FROM meta WHERE key = 'last_synced_at'").run();
    expect(applyChanges(db, changes(user('u1', { teamIds: ['t1'] }))).conversationIds).toEqual([]);
    setMeta(db, 'last_synced_at', '1000');
    db.prepare("DELETE FROM meta WHERE key IN ('synced_team_ids', 'user')").run();
    expect(applyChanges(db, changes(user('u1', { teamIds: ['t1'] }))).conversationIds).toEqual([]);
    expect(count(db, 'conversations')).toBe(3);
    db.close();
  });
});
