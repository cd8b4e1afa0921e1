import type { ApiTransport } from '../../../shared/api';

/** Whether the renderer can reach the local engine at all (not the central server). */
export type EngineLink = { state: 'connected' } | { state: 'connecting' | 'lost'; detail: string };

/** The contract's transport plus what the UI needs to say when the engine is out of reach. */
export interface RendererTransport extends ApiTransport {
  readonly kind: 'ipc' | 'websocket';
  link: () => EngineLink;
  onLink: (listener: (link: EngineLink) => void) => () => void;
}
