import { WIRE_PATH } from '../../../shared/api/wire';
import { createIpcTransport } from './ipc';
import { takeLaunchKey } from './launchKey';
import type { RendererTransport } from './types';
import { createWebSocketTransport, wireUrl } from './websocket';

export { ApiError, errorCode, errorMessage } from './errors';
export type { ApiErrorCode } from './errors';
export type { EngineLink, RendererTransport } from './types';

/** Chosen once at start: the Electron preload's bridge when present, else the browser host's socket. */
export function createTransport(): RendererTransport {
  if (window.caredesk) return createIpcTransport(window.caredesk);
  const key = takeLaunchKey(window.location, window.history, window.sessionStorage);
  return createWebSocketTransport({
    url: wireUrl(window.location, WIRE_PATH, key),
    unreachableDetail: key
      ? 'Cannot reach the local engine. Retrying…'
      : 'Cannot reach the local engine. Open the link printed by `npm run web`: it carries the access key.',
  });
}
