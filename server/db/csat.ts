// Satisfaction surveys (migration 017; services/csat.ts): the teams' questions, the resolutions
// still to survey, the surveys waiting for an answer, and the scores leads chart.
import type { Channel } from '../../shared/domain/channels';
import type { CsatScore } from '../../shared/domain/csat';
import type { Conversation } from '../../shared/domain/entities';
import type { CsatReport } from '../../shared/sync/lookups';
import { json, num } from './sql';
import type { Sql } from './sql';

/** The question `teamId` sends when a conversation is resolved; null: it sends none. */
export async function setCsatQuestion(sql: Sql, teamId: string, question: string | null): Promise<boolean> {
  const rows = await sql.query('update teams set csat_question = $2 where id = $1 returning id', [teamId, question]);
  return rows.length > 0;
}

/** An audit row of a conversation whose status became `closed` (its audited fields that changed). */
const resolved = (a: string) =>
  `${a}.entity_kind = 'conversation' and ${a}.before ? 'status' and ${a}.after ->> 'status' = 'closed'`;

/** The team's question, its row locked until the transaction ends; undefined when the team does not exist. */
export async function lockCsatQuestion(tx: Sql, teamId: string): Promise<string | null | undefined> {
  const rows = await tx.query<{ csat_question: string | null }>(
    'select csat_question from teams where id = $1 for update',
    [teamId],
  );
  return rows[0]?.csat_question;
}

/** One audit row of a team's settings changing (the caller holds the change log's lock). */
export async function auditTeamSettings(
  tx: Sql,
  row: { at: number; actor: string; teamId: string; before: object; after: object },
): Promise<void> {
  await tx.query(
    `insert into audit_log (at, actor, type, entity_kind, entity_id, before, after, action_id, team_ids)
     values ($1, $2, 'team_settings', 'team', $3, $4::text::jsonb, $5::text::jsonb, null, $6::text[])`,
    [row.at, row.actor, row.teamId, json(row.before), json(row.after), [row.teamId]],
  );
}

/** A resolution the sweep read from the audit log: the conversation as it is now. */
export interface Resolution {
  auditId: number;
  resolvedAt: number;
  conversationId: string;
  teamId: string;
  channel: Channel;
  status: Conversation['status'];
  assigneeId: string | null;
  question: string | null;
}

/**
 * Locks the sweep's cursor (one process sweeps at a time; the others skip: null) and reads the next
 * resolutions after it, up to the first one younger than `graceMs` (a resolution reopened within it is not surveyed). Audit rows are
 * written under the change log's lock, so their ids become visible in order and none appears behind
 * the cursor later. `next` is where the cursor goes once these are surveyed.
 */
export async function claimResolutions(
  tx: Sql,
  now: number,
  graceMs: number,
  limit: number,
): Promise<{ next: number; resolutions: Resolution[] } | null> {
  const cursor = await tx.query<{ audit_id: string | number }>(
    'select audit_id from csat_cursor where id = 1 for update skip locked',
  );
  if (cursor.length === 0) return null;
  const from = num(cursor[0]?.audit_id);
  const bound = await tx.query<{ upto: string | number | null }>(
    `select coalesce(
       (select min(r.id) - 1 from audit_log r where r.id > $1 and r.at > $2 and ${resolved('r')}),
       (select max(id) from audit_log), $1) as upto`,
    [from, now - graceMs],
  );
  const upto = num(bound[0]?.upto ?? from);
  const rows = await tx.query<{
    audit_id: string | number;
    at: string | number;
    conversation_id: string;
    team_id: string | null;
    channel: string | null;
    status: string | null;
    assignee_id: string | null;
    question: string | null;
  }>(
    `select a.id as audit_id, a.at, a.entity_id as conversation_id, c.team_id, c.channel, c.status, c.assignee_id,
       t.csat_question as question
     from audit_log a
     left join conversations c on c.id = a.entity_id
     left join teams t on t.id = c.team_id
     where a.id > $1 and a.id <= $2 and ${resolved('a')}
     order by a.id limit $3`,
    [from, upto, limit],
  );
  const last = rows.at(-1);
  return {
    next: rows.length === limit && last ? num(last.audit_id) : upto,
    resolutions: rows.flatMap((row) =>
      // An erased conversation has nothing left to survey.
      row.team_id === null || row.channel === null || row.status === null
        ? []
        : [
            {
              auditId: num(row.audit_id),
              resolvedAt: num(row.at),
              conversationId: row.conversation_id,
              teamId: row.team_id,
              channel: row.channel as Channel,
              status: row.status as Conversation['status'],
              assigneeId: row.assignee_id,
              question: row.question,
            },
          ],
    ),
  };
}

/** The last audit row the sweep has read; only ever moves forward. */
export async function moveCursor(tx: Sql, auditId: number): Promise<void> {
  await tx.query('update csat_cursor set audit_id = greatest(audit_id, $1) where id = 1', [auditId]);
}

export async function insertSurvey(
  tx: Sql,
  survey: {
    conversationId: string;
    auditId: number;
    teamId: string;
    repId: string | null;
    messageId: string;
    sentAt: number;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `insert into csat_surveys (conversation_id, audit_id, team_id, rep_id, message_id, sent_at)
     values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning audit_id`,
    [survey.conversationId, survey.auditId, survey.teamId, survey.repId, survey.messageId, survey.sentAt],
  );
  return rows.length > 0;
}

/** Records `score` on the conversation's latest unanswered survey sent after `sentAfter`; false when there is none. */
export async function answerSurvey(
  tx: Sql,
  conversationId: string,
  sentAfter: number,
  score: CsatScore,
  at: number,
): Promise<boolean> {
  const rows = await tx.query(
    `update csat_surveys set score = $3, answered_at = $4
     where (conversation_id, audit_id) = (
       select conversation_id, audit_id from csat_surveys
       where conversation_id = $1 and score is null and sent_at > $2
       order by sent_at desc limit 1)
     returning audit_id`,
    [conversationId, sentAfter, score, at],
  );
  return rows.length > 0;
}

/**
 * Answered surveys of `teamIds` (every team when undefined) answered in [from, to): per local day
 * (`tzOffsetMinutes` east of UTC), per rep and per team, with each team's question and surveys sent.
 */
export async function csatReport(
  sql: Sql,
  teamIds: readonly string[] | undefined,
  range: { from: number; to: number; tzOffsetMinutes: number },
): Promise<CsatReport> {
  const teams = teamIds === undefined ? null : [...teamIds];
  const where = `score is not null and answered_at >= $2 and answered_at < $3 and ($1::text[] is null or team_id = any($1::text[]))`;
  const params = [teams, range.from, range.to];
  const offset = range.tzOffsetMinutes * 60_000;
  const answered = 's.score is not null and s.answered_at >= $2 and s.answered_at < $3';
  const [days, reps, teamRows] = await Promise.all([
    sql.query<{ day: string | number; responses: string | number; total: string | number; satisfied: string | number }>(
      `select floor((answered_at + ${offset}) / 86400000.0)::bigint * 86400000 - ${offset} as day,
         count(*) as responses, sum(score) as total, count(*) filter (where score >= 4) as satisfied
       from csat_surveys where ${where} group by 1 order by 1`,
      params,
    ),
    sql.query<{
      rep_id: string | null;
      responses: string | number;
      total: string | number;
      satisfied: string | number;
    }>(
      `select rep_id, count(*) as responses, sum(score) as total, count(*) filter (where score >= 4) as satisfied
       from csat_surveys where ${where} group by rep_id order by rep_id nulls last`,
      params,
    ),
    sql.query<{
      id: string;
      csat_question: string | null;
      responses: string | number;
      total: string | number;
      satisfied: string | number;
      sent: string | number;
    }>(
      `select t.id, t.csat_question,
         count(s.score) filter (where ${answered}) as responses,
         coalesce(sum(s.score) filter (where ${answered}), 0) as total,
         count(s.score) filter (where ${answered} and s.score >= 4) as satisfied,
         count(s.sent_at) filter (where s.sent_at >= $2 and s.sent_at < $3) as sent
       from teams t left join csat_surveys s on s.team_id = t.id
       where $1::text[] is null or t.id = any($1::text[])
       group by t.id, t.csat_question, t.created_at order by t.created_at, t.id`,
      params,
    ),
  ]);
  const tally = (row: { responses: string | number; total: string | number; satisfied: string | number }) => ({
    responses: num(row.responses),
    scoreTotal: num(row.total),
    satisfied: num(row.satisfied),
  });
  const teamsOut = teamRows.map((row) => ({
    teamId: row.id,
    question: row.csat_question,
    ...tally(row),
    sent: num(row.sent),
  }));
  return {
    teams: teamsOut,
    sent: teamsOut.reduce((sum, team) => sum + team.sent, 0),
    days: days.map((row) => ({ day: num(row.day), ...tally(row) })),
    reps: reps.map((row) => ({ repId: row.rep_id, ...tally(row) })),
  };
}
