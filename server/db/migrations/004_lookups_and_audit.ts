import type { Migration } from './types';

/**
 * The audit log, and what lookups search by.
 *
 * `audit_log` is append-only: a trigger refuses every update, delete and truncate, so no code
 * path (and no mistaken statement) can rewrite history. Its rows are written by the same
 * statement that appends the change log (db/audit.ts); `team_ids` are the teams whose members saw
 * the change, for a lead's view. `changes_entity` finds an entity's previous version, which is
 * what an audit row's `before` is taken from.
 *
 * Customer search (db/lookups.ts): a phone number typed without its country code is matched on
 * the end of the stored E.164 value (`reverse(value)` as a prefix), a tracking number inside the
 * order's shipments, an email case-blind.
 */
export const migration004: Migration = {
  version: 4,
  name: 'lookups_and_audit',
  sql: `
    create table audit_log (
      id bigint generated always as identity primary key,
      at bigint not null,
      actor text not null,
      type text not null,
      entity_kind text not null,
      entity_id text not null,
      before jsonb,
      after jsonb not null,
      action_id text,
      team_ids text[] not null default '{}'
    );
    create index audit_log_entity on audit_log (entity_kind, entity_id, id);
    create index audit_log_actor on audit_log (actor, id);
    create index audit_log_at on audit_log (at, id);

    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_refuse_change();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_refuse_change();

    create index changes_entity on changes (kind, entity_id, seq);

    create index identities_phone_suffix on identities (reverse(value) text_pattern_ops)
      where channel in ('sms', 'whatsapp');
    create index orders_shipments on orders using gin ((doc -> 'shipments') jsonb_path_ops);
    create index customers_email on customers (lower(email));
  `,
};
