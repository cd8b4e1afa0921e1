// Satisfaction surveys: when a conversation of a team with a survey question has stayed resolved
// for a grace period, the question goes out on its channel like a reply (services/outbound.ts);
// the customer's answer (inbound.ts) records a score against the conversation and its rep.
import { randomUUID } from 'node:crypto';
import type { Channel } from '../../shared/domain/channels';
import { CSAT_GRACE_MS, CSAT_QUESTION_MAX } from '../../shared/domain/csat';
import type { Message, User } from '../../shared/domain/entities';
import { mayIn, reachOf } from '../../shared/domain/permissions';
import { CaredeskError } from '../../shared/domain/errors';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges, lockChangeLog, NO_CHANGES } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { getConversation } from '../db/conversations';
import {
  auditTeamSettings,
  claimResolutions,
  insertSurvey,
  lockCsatQuestion,
  moveCursor,
  setCsatQuestion,
} from '../db/csat';
import { insertMessage } from '../db/messages';
import { enqueueSend } from '../db/outbound';
import type { Sql } from '../db/sql';

/** `CAREDESK_CSAT_GRACE_SECONDS`: how long a resolution stays resolved before its survey (0 to a day). */
export function csatGraceFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return CSAT_GRACE_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400)
    throw new Error(`CAREDESK_CSAT_GRACE_SECONDS must be a number of seconds from 0 to 86400; got "${raw}".`);
  return seconds * 1_000;
}

export interface SurveyOptions {
  /** Whether a provider sends on the channel: the question is queued; otherwise stored as sent (a demo). */
  sendsOn: (channel: Channel) => boolean;
  graceMs?: number;
  /** Resolutions read per pass. */
  limit?: number;
}

/**
 * One pass of the survey sweep: the resolutions recorded since the last pass (older than the grace
 * period) each get the team's question, if the team has one and the conversation is still
 * resolved. Exactly once per resolution, across server processes: the sweep's cursor is locked for
 * the pass (a process that finds it locked does nothing) and each survey is keyed by its resolution.
 * `queued` says whether a send was queued (the outbound worker should wake).
 */
export async function sendSurveys(
  sql: Sql,
  now: number,
  options: SurveyOptions,
): Promise<{ changes: AppendedChanges; surveyed: number; queued: boolean }> {
  return sql.transaction(async (tx) => {
    const claim = await claimResolutions(tx, now, options.graceMs ?? CSAT_GRACE_MS, options.limit ?? 200);
    if (!claim) return { changes: NO_CHANGES, surveyed: 0, queued: false };
    const changes: NewChange[] = [];
    let queued = false;
    for (const resolution of claim.resolutions) {
      if (resolution.question === null || resolution.status !== 'closed') continue;
      // Locked as every writer does (the row, then the change log); reopened meanwhile: no survey.
      const conversation = await getConversation(tx, resolution.conversationId, { forUpdate: true });
      if (conversation?.status !== 'closed') continue;
      const message: Message = {
        id: randomUUID(),
        conversationId: conversation.id,
        channel: conversation.channel,
        direction: 'outbound',
        authorId: null,
        body: resolution.question,
        createdAt: now,
        status: options.sendsOn(conversation.channel) ? 'pending' : 'sent',
        clientId: null,
      };
      const surveyed = await insertSurvey(tx, {
        conversationId: conversation.id,
        auditId: resolution.auditId,
        teamId: conversation.teamId,
        repId: conversation.assigneeId,
        messageId: message.id,
        sentAt: now,
      });
      if (!surveyed) continue;
      const inserted = await insertMessage(tx, message, conversation.teamId);
      if (!inserted.inserted) continue;
      changes.push(inserted.change);
      if (message.status === 'pending') {
        await enqueueSend(tx, message.id, now);
        queued = true;
      }
    }
    await moveCursor(tx, claim.next);
    const appended = await appendChanges(tx, changes, now, { actor: SYSTEM_ACTOR, type: 'csat_survey' });
    return { changes: appended, surveyed: changes.length, queued };
  });
}

/**
 * Sets the question `teamId` sends when a conversation is resolved (null: none), audited as the
 * team's settings changing. Not found when the team does not exist.
 */
export async function changeCsatQuestion(
  sql: Sql,
  actor: User,
  teamId: string,
  question: string | null,
  now: number,
): Promise<void> {
  if (reachOf(actor.role, 'manageCsat') === 'none')
    throw new CaredeskError('forbidden', "Only team leads and admins may change a team's survey.");
  // Another team's id is answered as if it did not exist.
  if (!mayIn(actor, 'manageCsat', teamId)) throw new CaredeskError('not_found', 'That team does not exist.');
  if (question !== null && (question.trim() === '' || question.length > CSAT_QUESTION_MAX))
    throw new CaredeskError('invalid_input', `A survey question is 1 to ${CSAT_QUESTION_MAX} characters.`);
  await sql.transaction(async (tx) => {
    const before = await lockCsatQuestion(tx, teamId);
    if (before === undefined) throw new CaredeskError('not_found', 'That team does not exist.');
    await setCsatQuestion(tx, teamId, question);
    // Audit rows are written under the change log's lock (their ids then appear in commit order).
    await lockChangeLog(tx);
    await auditTeamSettings(tx, {
      at: now,
      actor: actor.id,
      teamId,
      before: { csatQuestion: before },
      after: { csatQuestion: question },
    });
  });
}
