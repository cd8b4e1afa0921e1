import type { Migration } from './types';

/**
 * Identities keyed the way providers key people, and how each one was linked.
 *
 * - `kind` and `value` are the key, unique together: a `phone` (E.164) serves SMS and WhatsApp
 *   alike, an `email` is lower-cased, and `x`, `messenger`, `instagram`, `whatsapp` and `webchat`
 *   hold the provider's id for the person. `channel` stays: the channel the identity was first
 *   seen on, which is what engines of sync protocol 5 and earlier show it as.
 * - `linked_by` (a user id, or `system`, `inbound`, `import`), `linked_at` and `evidence` say how
 *   the identity came to belong to its customer. Rows from before are `import`, at their
 *   customer's creation.
 *
 * Existing rows:
 * - An SMS and a WhatsApp row of one number become one phone row. Of one customer's two, the
 *   older row stays (lowest id). When the number belonged to two customers, it stays with the one
 *   who wrote from it last (the latest SMS or WhatsApp conversation; then the lowest id): inbound
 *   from that number joins them from now on. The other customer keeps every conversation and
 *   order; the row that kept the number says in its evidence which customer lost it, so a lead
 *   can merge the two if they are one person.
 * - Social rows were keyed by lower-cased handle: a value of digits is a provider id and stays;
 *   any other is a handle, kept as `@handle` so it is shown but never matches a provider id
 *   (ids are digits, and inbound refuses an "@" sender).
 * - Customer search finds a handle by its lower-cased display, "@" left off (`identities_handle`).
 * - `customers.email` becomes an email identity unless the address is already one (of this
 *   customer or another; two customers with one address: the older keeps it), and the column goes:
 *   email identities are the only record of a customer's address.
 */
export const migration006: Migration = {
  version: 6,
  name: 'identities_by_kind',
  sql: `
    alter table identities add column kind text;
    alter table identities add column linked_by text;
    alter table identities add column linked_at bigint;
    alter table identities add column evidence text;

    update identities i set
      kind = case when i.channel in ('sms', 'whatsapp') then 'phone' else i.channel end,
      value = case
        when i.channel in ('x', 'messenger', 'instagram', 'webchat') and i.value !~ '^[0-9]+$' then '@' || i.value
        else i.value end,
      linked_by = 'import',
      linked_at = c.created_at,
      evidence = 'Stored before Caredesk recorded how identities were linked.'
    from customers c where c.id = i.customer_id;

    -- One phone row per number: the customer who wrote from it last keeps it.
    create temporary table phone_ranked on commit drop as
      select i.id, i.customer_id, i.value,
        row_number() over (
          partition by i.value
          order by (select max(v.last_message_at) from conversations v
                    where v.customer_id = i.customer_id and v.channel in ('sms', 'whatsapp')) desc nulls last,
                   i.customer_id, i.id
        ) as rank
      from identities i where i.kind = 'phone';

    update identities i set evidence = i.evidence || ' The same number was also on customer '
      || (select string_agg(distinct l.customer_id, ', ' order by l.customer_id) from phone_ranked l
          where l.value = k.value and l.customer_id <> k.customer_id)
      || ', which no longer matches it.'
    from phone_ranked k
    where k.id = i.id and k.rank = 1
      and exists (select 1 from phone_ranked l where l.value = k.value and l.customer_id <> k.customer_id);

    delete from identities i using phone_ranked r where r.id = i.id and r.rank > 1;

    insert into identities (id, customer_id, kind, channel, value, display, linked_by, linked_at, evidence)
    select distinct on (lower(trim(c.email)))
      'email-' || c.id, c.id, 'email', 'email', lower(trim(c.email)), trim(c.email), 'import', c.created_at,
      'The customer''s email address before identities held it.'
    from customers c
    where c.email is not null and trim(c.email) <> ''
      and not exists (select 1 from identities e where e.kind = 'email' and e.value = lower(trim(c.email)))
    order by lower(trim(c.email)), c.created_at, c.id;

    alter table identities alter column kind set not null;
    alter table identities alter column linked_by set not null;
    alter table identities alter column linked_at set not null;
    alter table identities alter column evidence set not null;
    alter table identities add constraint identities_kind check
      (kind in ('phone', 'email', 'x', 'messenger', 'instagram', 'whatsapp', 'webchat'));
    alter table identities drop constraint identities_channel_value_key;
    alter table identities add constraint identities_kind_value unique (kind, value);

    drop index identities_phone_suffix;
    create index identities_phone_suffix on identities (reverse(value) text_pattern_ops) where kind = 'phone';

    create index identities_handle on identities (lower(ltrim(display, '@')))
      where kind in ('x', 'instagram', 'messenger', 'webchat', 'whatsapp');

    drop index customers_email;
    alter table customers drop column email;
  `,
};
