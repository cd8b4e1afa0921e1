import type { Migration } from './types';

/**
 * A customer's erasure (services/erasure.ts) keeps in the audit log only that it happened: the
 * rows of the entities it erases go, in its transaction. The append-only trigger still refuses
 * every update, every truncate and every other delete; it lets a delete through only for a row
 * whose `entity_kind:entity_id` the transaction named in its transaction-local setting
 * `caredesk.erasing` (a JSON array, set with `set_config(…, true)`, gone at commit or rollback).
 */
export const migration014: Migration = {
  version: 14,
  name: 'audit_erasure',
  sql: `
    create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if coalesce(nullif(current_setting('caredesk.erasing', true), ''), '[]')::jsonb
             ? (old.entity_kind || ':' || old.entity_id) then
          return old;
        end if;
      end if;
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
  `,
};
