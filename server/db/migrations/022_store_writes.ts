import type { Migration } from './types';

/**
 * Order actions on an order a connected store keeps (Shopify) wait here until the store has made
 * them (`server/crm/writes.ts`): one row per action (`id` is the action's id, so a retried action
 * queues nothing twice), claimed by one server process at a time like a reply's send. `change` is
 * what the store is asked (`StoreWrite`); `before` the order as it was, put back if the store
 * refuses; `actor_id` the user who acted, whose note the outcome is written as. A row is deleted
 * once settled; its outcome is a note on the conversation.
 */
export const migration022: Migration = {
  version: 22,
  name: 'store_writes',
  sql: `
    create table store_writes (
      id text primary key,
      order_id text not null references orders (id) on delete cascade,
      conversation_id text not null references conversations (id) on delete cascade,
      actor_id text not null references users (id),
      source text not null,
      change jsonb not null,
      before jsonb not null,
      state text not null check (state in ('queued', 'writing')),
      attempts integer not null default 0,
      next_attempt_at bigint not null,
      claimed_at bigint,
      last_error text,
      created_at bigint not null
    );
    create index store_writes_due on store_writes (next_attempt_at) where state = 'queued';
    create index store_writes_claimed on store_writes (claimed_at) where state = 'writing';
  `,
};
