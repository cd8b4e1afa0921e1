// How a planned action becomes an engine API call: the one place that knows which calls the engine has.
import { apiCalls } from '../../shared/api';
import type { ApiHandlers } from '../../shared/api';
import { dispatchCall } from '../../electron/services/api/dispatch';
import type { WorkloadAction, WorkloadType } from './messages';

/** The action types the workload uses (`link` merges customers: a different experiment). */
export const SUPPORTED_TYPES: readonly WorkloadType[] = [
  'reply',
  'assign',
  'status',
  'snooze',
  'tag',
  'note',
  'assignMany',
  'saveResolution',
  'deleteResolution',
];

export type QueueOutcome = { ok: true; actionId: string } | { ok: false; code: string; message: string };

/**
 * Queues one action through the same entry point as the real transports (input parsing and
 * the error envelope included). OK means the outbox transaction committed.
 */
export async function queueAction(handlers: ApiHandlers, action: WorkloadAction): Promise<QueueOutcome> {
  const log = () => {};
  if (action.type === 'reply') {
    const { conversationId, body } = action;
    const result = await dispatchCall(handlers, 'reply:send', { conversationId, body }, log);
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    // The pending message's clientId is the action id.
    const { clientId } = apiCalls['reply:send'].output.parse(result.value);
    if (clientId === null) throw new Error('reply:send answered a message without a clientId');
    return { ok: true, actionId: clientId };
  }
  if (action.type === 'assignMany') {
    const { conversationIds, assigneeId } = action;
    const result = await dispatchCall(handlers, 'conversations:assign', { conversationIds, assigneeId }, log);
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    return { ok: true, actionId: apiCalls['conversations:assign'].output.parse(result.value).actionId };
  }
  if (action.type === 'saveResolution') {
    const result = await dispatchCall(handlers, 'resolutions:save', action.resolution, log);
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    return { ok: true, actionId: apiCalls['resolutions:save'].output.parse(result.value).actionId };
  }
  if (action.type === 'deleteResolution') {
    const result = await dispatchCall(handlers, 'resolutions:delete', { id: action.resolutionId }, log);
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    return { ok: true, actionId: apiCalls['resolutions:delete'].output.parse(result.value).actionId };
  }
  // The engine adds what the rep's view shows (seenAssigneeId) itself.
  const result = await dispatchCall(handlers, 'conversation:act', action, log);
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  return { ok: true, actionId: apiCalls['conversation:act'].output.parse(result.value).actionId };
}
