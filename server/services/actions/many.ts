import type { User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { partsOf } from '../../../shared/sync/actions';
import type { ActionResult, ConversationOutcome, ManyConversationsAction } from '../../../shared/sync/actions';
import { findAppliedAction, recordAppliedAction } from '../../db/applied-actions';
import { appendChanges } from '../../db/changes';
import type { NewChange } from '../../db/changes';
import { lockConversationForAction } from '../../db/conversations';
import type { Sql } from '../../db/sql';
import { planConversationAction, writePlan } from './conversation';
import { AppliedMeanwhile, notInYourTeams, refuseIfReassigned, repeat } from './rules';
import type { ActionOutcome } from './rules';

/**
 * An action on several conversations (a bulk assignment), exactly once per action id like any
 * other: one transaction decides each conversation on its locked row — in id order, so two bulk
 * actions never wait on each other in a cycle — with the same checks as the action on one, and
 * records a result per conversation. A conversation that refuses its part (reassigned meanwhile,
 * gone, not in the actor's teams) does not stop the others; the result says why for each.
 */
export async function applyToMany(
  sql: Sql,
  user: User,
  id: string,
  action: ManyConversationsAction,
  now: number,
): Promise<ActionOutcome> {
  try {
    return await sql.transaction(async (tx) => {
      if (await findAppliedAction(tx, id)) throw new AppliedMeanwhile();
      const changes: NewChange[] = [];
      const outcomes = new Map<string, ConversationOutcome>();
      const parts = partsOf(action).sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1));
      for (const part of parts) {
        const { conversationId } = part;
        try {
          if (part.type === 'link')
            throw new CaredeskError('invalid_input', 'Links apply to one conversation at a time.');
          const locked = await lockConversationForAction(tx, conversationId, id);
          if (!locked || !user.teamIds.includes(locked.conversation.teamId)) throw notInYourTeams();
          const { conversation } = locked;
          await refuseIfReassigned(tx, user, conversation, part);
          const plan = await planConversationAction(tx, { user, conversation, action: part, actionId: id, now });
          changes.push(...(await writePlan(tx, plan, conversation)).changes);
          outcomes.set(conversationId, { conversationId, ok: true });
        } catch (error) {
          if (!(error instanceof CaredeskError)) throw error;
          outcomes.set(conversationId, { conversationId, ok: false, error: error.toBody() });
        }
      }
      const appended = await appendChanges(tx, changes, now, { actor: user.id, type: action.type, actionId: id });
      const results = action.items.map(({ conversationId }) => outcomes.get(conversationId)!);
      const result: ActionResult = { seq: appended.seq, message: null, note: null, results };
      const recorded = await recordAppliedAction(
        tx,
        { id, userId: user.id, conversationId: null, type: action.type, result },
        now,
      );
      if (!recorded) throw new AppliedMeanwhile();
      return { result, changes: appended, repeated: false };
    });
  } catch (error) {
    if (!(error instanceof AppliedMeanwhile)) throw error;
    return repeat(sql, user, id);
  }
}
