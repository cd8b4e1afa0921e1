import type { Migration } from './types';

/**
 * Orders come from more than one record: Caredesk's own (`caredesk`, the embedded CRM and its
 * imports) and a connected store (`shopify`), whose numbers ("#1001") may repeat Caredesk's. An
 * order number is unique within its source only.
 *
 * `crm_links`: which customer of a connected source each Caredesk customer is, what matched them,
 * when its purchase history was last fetched and why the last fetch failed (`server/crm/`).
 */
export const migration021: Migration = {
  version: 21,
  name: 'order_sources',
  sql: `
    alter table orders add column source text not null default 'caredesk';
    alter table orders drop constraint orders_number_key;
    create unique index orders_source_number on orders (source, number);
    create index orders_number on orders (number);

    create table crm_links (
      customer_id text not null references customers (id) on delete cascade,
      source text not null,
      external_id text,
      matched_by text,
      fetched_at bigint,
      error text,
      checked_at bigint not null,
      primary key (customer_id, source)
    );
    create unique index crm_links_external on crm_links (source, external_id);
  `,
};
