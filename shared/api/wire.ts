import { z } from 'zod';
import type { CallName, CallOutput, EventName, EventPayload } from './index';
import type { Result } from './define';

/**
 * Framing of the browser host's WebSocket (one JSON object per frame). The renderer sends
 * requests; the host answers each by id and pushes events.
 */
export const WireRequest = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;

export type WireResponse = { id: number; result: Result<unknown> };
export type WireEvent = { event: EventName; payload: unknown };
export type WireFrame = WireResponse | WireEvent;

/** Path of the WebSocket on the browser host; the per-launch secret goes in `?key=`. */
export const WIRE_PATH = '/api';

/**
 * What the Electron preload exposes on `window.caredesk`: one function per call (each
 * resolving to a result envelope) and a subscription per event.
 */
export type PreloadBridge = {
  readonly calls: { readonly [N in CallName]: (input: unknown) => Promise<Result<CallOutput<N>>> };
  subscribe<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
};
