import type { User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { partsOf } from '../../../shared/sync/actions';
import type { ConversationOutcome, ManyConversationsAction } from '../../../shared/sync/actions';
import type { NewChange } from '../../db/changes';
import { lockConversations } from '../../db/conversations';
import type { Sql } from '../../db/sql';
import { planConversationAction, writePlan } from './conversation';
import { isCustomerAction } from './customer-actions';
import { appliedOnce, commitAction, notInYourTeams, refuseIfReassigned } from './rules';
import type { ActionOutcome } from './rules';

/**
 * An action on several conversations (a bulk assignment), exactly once per action id like any
 * other: one transaction decides each conversation on its locked row — in id order, so two bulk
 * actions never wait on each other in a cycle — with the same checks as the action on one, and
 * records a result per conversation. A conversation that refuses its part (reassigned meanwhile,
 * gone, not in the actor's teams) does not stop the others; the result says why for each.
 */
export function applyToMany(
  sql: Sql,
  user: User,
  id: string,
  action: ManyConversationsAction,
  now: number,
): Promise<ActionOutcome> {
  return appliedOnce(sql, user, id, async (tx) => {
    const changes: NewChange[] = [];
    const outcomes = new Map<string, ConversationOutcome>();
    const parts = partsOf(action).sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1));
    // Every row locked in one statement (in id order), and each user the parts name read once.
    const locked = await lockConversations(
      tx,
      parts.map((part) => part.conversationId),
    );
    const users = new Map<string, User | null>();
    const active = new Map<string, boolean>();
    for (const part of parts) {
      const { conversationId } = part;
      try {
        if (isCustomerAction(part))
          throw new CaredeskError('invalid_input', 'Merges and splits apply to one conversation at a time.');
        const conversation = locked.get(conversationId);
        if (!conversation || !user.teamIds.includes(conversation.teamId)) throw notInYourTeams();
        await refuseIfReassigned(tx, user, conversation, part);
        const plan = await planConversationAction(tx, {
          user,
          conversation,
          action: part,
          actionId: id,
          now,
          users,
          active,
        });
        changes.push(...(await writePlan(tx, plan, conversation)).changes);
        outcomes.set(conversationId, { conversationId, ok: true });
      } catch (error) {
        if (!(error instanceof CaredeskError)) throw error;
        outcomes.set(conversationId, { conversationId, ok: false, error: error.toBody() });
      }
    }
    const results = action.items.map(({ conversationId }) => outcomes.get(conversationId)!);
    return commitAction(tx, user, { id, action, conversationId: null }, changes, now, {
      message: null,
      note: null,
      results,
    });
  });
}
