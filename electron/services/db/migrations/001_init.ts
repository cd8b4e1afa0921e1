import type { Migration } from '../migrate';

/**
 * The cache: a projection of what the server lets this user see, plus the local outbox.
 * No foreign keys between synced entities: the change log may deliver a conversation before
 * the customer it points at, and the server is the source of truth for integrity.
 */
export const m001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL);

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        team_ids TEXT NOT NULL -- JSON array
      );

      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE identities (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        value TEXT NOT NULL,
        display TEXT NOT NULL
      );
      CREATE INDEX identities_customer ON identities (customer_id, channel);

      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        number TEXT NOT NULL,
        placed_at INTEGER NOT NULL,
        doc TEXT NOT NULL -- the whole Order as JSON
      );
      CREATE INDEX orders_customer ON orders (customer_id, placed_at);

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        subject TEXT,
        status TEXT NOT NULL,
        assignee_id TEXT,
        created_at INTEGER NOT NULL,
        last_message_at INTEGER NOT NULL,
        last_message_preview TEXT NOT NULL,
        waiting_since INTEGER,
        -- Denormalised for the list, refreshed when the conversation or its customer changes.
        customer_name TEXT NOT NULL DEFAULT '',
        customer_handle TEXT NOT NULL DEFAULT ''
      );
      -- The list is keyset-paged on (last_message_at DESC, id DESC); one index per filter shape.
      CREATE INDEX conversations_recent ON conversations (last_message_at, id);
      CREATE INDEX conversations_status ON conversations (status, last_message_at, id);
      CREATE INDEX conversations_channel ON conversations (channel, last_message_at, id);
      CREATE INDEX conversations_channel_status ON conversations (channel, status, last_message_at, id);
      CREATE INDEX conversations_assignee ON conversations (assignee_id, last_message_at, id);
      CREATE INDEX conversations_assignee_status ON conversations (assignee_id, status, last_message_at, id);
      CREATE INDEX conversations_team ON conversations (team_id, last_message_at, id);
      CREATE INDEX conversations_team_status ON conversations (team_id, status, last_message_at, id);
      CREATE INDEX conversations_customer ON conversations (customer_id);

      -- seq is the rowid: the search index refers to it, and it grows in arrival order.
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        direction TEXT NOT NULL,
        author_id TEXT,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        client_id TEXT
      );
      CREATE INDEX messages_thread ON messages (conversation_id, created_at);
      CREATE INDEX messages_client ON messages (client_id) WHERE client_id IS NOT NULL;

      -- Replies written here and not yet acknowledged by the server.
      CREATE TABLE outbox (
        client_id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE INDEX outbox_state ON outbox (state, created_at);
    `);
  },
};
