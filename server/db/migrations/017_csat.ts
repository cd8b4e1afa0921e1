import type { Migration } from './types';

/**
 * Satisfaction surveys (services/csat.ts). `teams.csat_question`: the question the team sends when
 * a conversation is resolved; null sends none. One `csat_surveys` row per resolution surveyed,
 * keyed by the audit row that recorded it (so each resolution is surveyed at most once, by one
 * server process); its score arrives with the customer's answer. `csat_cursor` is the last audit
 * row the survey sweep has read: it starts at the end of the log, so resolutions from before
 * surveys existed are never surveyed.
 */
export const migration017: Migration = {
  version: 17,
  name: 'csat',
  sql: `
    alter table teams add column csat_question text;

    create table csat_surveys (
      conversation_id text not null references conversations (id) on delete cascade,
      audit_id bigint not null,
      team_id text not null references teams (id),
      rep_id text references users (id) on delete set null,
      message_id text,
      sent_at bigint not null,
      score smallint constraint csat_surveys_score check (score between 1 and 5),
      answered_at bigint,
      primary key (conversation_id, audit_id)
    );
    create index csat_surveys_waiting on csat_surveys (conversation_id, sent_at) where score is null;
    create index csat_surveys_answered on csat_surveys (team_id, answered_at) where score is not null;

    create table csat_cursor (
      id smallint primary key constraint csat_cursor_one check (id = 1),
      audit_id bigint not null
    );
    insert into csat_cursor (id, audit_id) select 1, coalesce(max(id), 0) from audit_log;
  `,
};
