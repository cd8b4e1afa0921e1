import type { Migration } from './types';

/**
 * Every merge of one customer into another (a `link`), with exactly what moved, so that it can be
 * undone: the merged-away customer's row, each moved identity's row as it was (how it was linked
 * included), and the ids of the moved orders and conversations. `id` is the link action's id.
 * `undone_at`, `undone_by` and `undone_action_id` are set once, by the undo. The audit log gets an
 * index on the action id, so that the rows of a merge and of its undo are found by their ids.
 */
export const migration010: Migration = {
  version: 10,
  name: 'merges',
  sql: `
    create table merges (
      id text primary key,
      source_customer_id text not null,
      target_customer_id text not null,
      merged_by text not null,
      merged_at bigint not null,
      source_customer jsonb not null,
      identities jsonb not null,
      order_ids text[] not null,
      conversation_ids text[] not null,
      undone_at bigint,
      undone_by text,
      undone_action_id text,
      constraint merges_not_itself check (source_customer_id <> target_customer_id),
      constraint merges_undone_together check ((undone_at is null) = (undone_by is null))
    );
    create index merges_target on merges (target_customer_id, merged_at);
    create index merges_source on merges (source_customer_id);

    -- The audit log by the action that wrote it: a merge's rows are found by its id (its link's action id).
    create index audit_log_action on audit_log (action_id, id) where action_id is not null;
  `,
};
