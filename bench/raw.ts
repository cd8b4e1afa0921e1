// The baseline: the same rows into the same tables with plain prepared statements, no FTS and no
// logic — what better-sqlite3 itself can do. Only the benchmark writes SQL outside
// electron/services/db, and only for this comparison.
import type { Change } from '../shared/sync';
import type { Db } from '../electron/services/db/open';

export function rawInserter(db: Db): (changes: readonly Change[]) => void {
  const team = db.prepare('INSERT INTO teams (id, name) VALUES (?, ?)');
  const user = db.prepare('INSERT INTO users (id, name, email, role, team_ids) VALUES (?, ?, ?, ?, ?)');
  const customer = db.prepare('INSERT INTO customers (id, name, email, created_at) VALUES (?, ?, ?, ?)');
  const identity = db.prepare(
    'INSERT INTO identities (id, customer_id, channel, value, display) VALUES (?, ?, ?, ?, ?)',
  );
  const order = db.prepare('INSERT INTO orders (id, customer_id, number, placed_at, doc) VALUES (?, ?, ?, ?, ?)');
  const conversation = db.prepare(
    // A catch-up writes newer versions of conversations the cache holds.
    `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
       last_message_at, last_message_preview, waiting_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id,
       last_message_at = excluded.last_message_at, last_message_preview = excluded.last_message_preview,
       waiting_since = excluded.waiting_since`,
  );
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction((changes: readonly Change[]) => {
    for (const change of changes) {
      switch (change.kind) {
        case 'team':
          team.run(change.data.id, change.data.name);
          break;
        case 'user':
          user.run(
            change.data.id,
            change.data.name,
            change.data.email,
            change.data.role,
            JSON.stringify(change.data.teamIds),
          );
          break;
        case 'customer': {
          const c = change.data;
          customer.run(c.id, c.name, c.email, c.createdAt);
          for (const i of c.identities) identity.run(i.id, c.id, i.channel, i.value, i.display);
          break;
        }
        case 'order':
          order.run(
            change.data.id,
            change.data.customerId,
            change.data.number,
            change.data.placedAt,
            JSON.stringify(change.data),
          );
          break;
        case 'conversation': {
          const c = change.data;
          conversation.run(
            c.id,
            c.teamId,
            c.customerId,
            c.channel,
            c.subject,
            c.status,
            c.assigneeId,
            c.createdAt,
            c.lastMessageAt,
            c.lastMessagePreview,
            c.waitingSince,
          );
          break;
        }
        case 'message': {
          const m = change.data;
          message.run(
            m.id,
            m.conversationId,
            m.channel,
            m.direction,
            m.authorId,
            m.body,
            m.createdAt,
            m.status,
            m.clientId,
          );
          break;
        }
      }
    }
  });
}

/** What a catch-up leaves in a cache, to check that the baseline wrote what the engine did. */
export function cacheDigest(db: Db): { messages: number; conversations: string } {
  const messages = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
  const conversations = db
    .prepare(
      `SELECT group_concat(id || ':' || status || ':' || last_message_at || ':' || last_message_preview, ',')
       FROM (SELECT * FROM conversations ORDER BY id)`,
    )
    .pluck()
    .get() as string;
  return { messages, conversations };
}
