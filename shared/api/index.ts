import type { z } from 'zod';
import { actionCalls, actionRejected } from './actions';
import { adminCalls } from './admin';
import { assistCalls } from './assist';
import { consoleCalls } from './console';
import { customerCalls } from './customers';
import { draftCalls } from './drafts';
import { inboxCalls, inboxChanged, slaBreached, teamsChanged } from './inbox';
import { keymapCalls } from './keymap';
import { orderCalls } from './orders';
import { presenceCalls, presenceChanged } from './presence';
import { replyCalls } from './reply';
import { resolutionCalls, resolutionsChanged } from './resolutions';
import { searchCalls } from './search';
import { sessionCalls } from './session';
import { suggestionCalls } from './suggestions';
import { sessionEnded, syncCalls, syncChanged } from './sync';

export * from './actions';
export * from './admin';
export * from './assist';
export * from './console';
export * from './customers';
export * from './define';
export * from './drafts';
export * from './inbox';
export * from './keymap';
export * from './orders';
export * from './presence';
export * from './reply';
export * from './resolutions';
export * from './search';
export * from './session';
export * from './suggestions';
export * from './sync';
export * from './wire';

/** Every renderer → engine call, by name. Both transports and the engine are typed from this. */
export const apiCalls = {
  ...sessionCalls,
  ...inboxCalls,
  ...replyCalls,
  ...draftCalls,
  ...actionCalls,
  ...searchCalls,
  ...customerCalls,
  ...resolutionCalls,
  ...suggestionCalls,
  ...assistCalls,
  ...consoleCalls,
  ...orderCalls,
  ...keymapCalls,
  ...syncCalls,
  ...presenceCalls,
  ...adminCalls,
} as const;
export type ApiCalls = typeof apiCalls;
export type CallName = keyof ApiCalls;
export type CallInput<N extends CallName> = z.input<ApiCalls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<ApiCalls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<ApiCalls[N]['output']>;
export const CALL_NAMES = Object.keys(apiCalls) as CallName[];

/** Every engine → renderer event, by name. */
export const apiEvents = {
  [inboxChanged.name]: inboxChanged,
  [slaBreached.name]: slaBreached,
  [teamsChanged.name]: teamsChanged,
  [syncChanged.name]: syncChanged,
  [sessionEnded.name]: sessionEnded,
  [actionRejected.name]: actionRejected,
  [presenceChanged.name]: presenceChanged,
  [resolutionsChanged.name]: resolutionsChanged,
} as const;
export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<N extends EventName> = z.output<ApiEvents[N]['payload']>;
export const EVENT_NAMES = Object.keys(apiEvents) as EventName[];

/** What the engine implements: one async handler per call, given the parsed input. */
export type ApiHandlers = { [N in CallName]: (input: CallParsedInput<N>) => Promise<CallOutput<N>> };

/** What the renderer calls, whatever the transport. */
export interface ApiTransport {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}
