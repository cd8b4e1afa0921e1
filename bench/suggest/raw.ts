// The baseline of the suggestion bench: what opening a conversation reads — its row, its messages, its
// customer (with their identities) and the customer's orders — with plain prepared statements and no
// logic: rows as better-sqlite3 returns them, no JSON parsed, no suggestion work. Only the benchmark
// writes SQL outside electron/services/db, and only for this comparison (bench/README.md).
import type { Db } from '../../electron/services/db/open';

export interface RawOpen {
  conversation: { id: string; customer_id: string } & Record<string, unknown>;
  messages: ({ id: string; direction: string } & Record<string, unknown>)[];
  customer: ({ id: string } & Record<string, unknown>) | undefined;
  identities: ({ id: string } & Record<string, unknown>)[];
  orders: { id: string; doc: string }[];
}

/** Reads one conversation as opening it does; throws for a conversation not in the cache. */
export function rawOpenReader(db: Db): (conversationId: string) => RawOpen {
  const conversation = db.prepare('SELECT * FROM conversations WHERE id = ?');
  const messages = db.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, seq');
  const customer = db.prepare('SELECT * FROM customers WHERE id = ?');
  const identities = db.prepare('SELECT * FROM identities WHERE customer_id = ? ORDER BY id');
  const orders = db.prepare('SELECT id, doc FROM orders WHERE customer_id = ? ORDER BY placed_at DESC');
  return (conversationId) => {
    const row = conversation.get(conversationId) as RawOpen['conversation'] | undefined;
    if (!row) throw new Error(`conversation ${conversationId} is not in the cache`);
    return {
      conversation: row,
      messages: messages.all(conversationId) as RawOpen['messages'],
      customer: customer.get(row.customer_id) as RawOpen['customer'],
      identities: identities.all(row.customer_id) as RawOpen['identities'],
      orders: orders.all(row.customer_id) as RawOpen['orders'],
    };
  };
}

/** The newest message's time: the bench's clock is set from it. */
export function newestMessageAt(db: Db): number {
  return (db.prepare('SELECT max(created_at) FROM messages').pluck().get() as number | null) ?? 0;
}
