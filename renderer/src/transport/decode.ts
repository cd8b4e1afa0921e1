import { apiCalls, apiEvents } from '../../../shared/api';
import type { CallName, CallOutput, EventName, EventPayload } from '../../../shared/api';
import { ApiError } from './errors';

/** Answers are parsed against the contract, so a mismatched engine fails loudly in one place. */
export function decodeOutput<N extends CallName>(name: N, value: unknown): CallOutput<N> {
  const parsed = apiCalls[name].output.safeParse(value);
  if (!parsed.success) {
    console.error(`Caredesk: the answer to ${name} does not match the contract`, parsed.error.issues);
    throw new ApiError('internal', 'The local engine sent an answer this version of Caredesk cannot read.');
  }
  return parsed.data as CallOutput<N>;
}

/** An event that does not match the contract is dropped (and logged), never passed on half-read. */
export function decodeEvent<N extends EventName>(name: N, payload: unknown): EventPayload<N> | undefined {
  const parsed = apiEvents[name].payload.safeParse(payload);
  if (!parsed.success) {
    console.error(`Caredesk: event ${name} does not match the contract`, parsed.error.issues);
    return undefined;
  }
  return parsed.data as EventPayload<N>;
}
