import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../shared/api';
import type { PreloadBridge } from '../../../shared/api/wire';
import { decodeEvent, decodeOutput } from './decode';
import { ApiError } from './errors';
import type { EngineLink, RendererTransport } from './types';

declare global {
  interface Window {
    /** Put there by the Electron preload; absent in a plain browser. */
    readonly caredesk?: PreloadBridge;
  }
}

const CONNECTED: EngineLink = { state: 'connected' };

/** Electron: the preload's named functions. The engine lives in the same app, so it is always reachable. */
export function createIpcTransport(bridge: PreloadBridge): RendererTransport {
  return {
    kind: 'ipc',
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      const result = await bridge.calls[name](input);
      if (!result.ok) throw ApiError.fromUnknown(result.error);
      return decodeOutput(name, result.value);
    },
    on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
      return bridge.subscribe(name, (payload) => {
        const decoded = decodeEvent(name, payload);
        if (decoded !== undefined) listener(decoded);
      });
    },
    link: () => CONNECTED,
    onLink: () => () => undefined,
  };
}
