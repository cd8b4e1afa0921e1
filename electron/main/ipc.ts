import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES } from '../../shared/api';
import type { ApiHandlers, Result } from '../../shared/api';
import { dispatchCall } from '../services/api/dispatch';

type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * One ipcMain handler per contract call. Each checks the sender, then parses the payload with
 * the contract's schema (inside dispatchCall) before an engine service sees it.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: ApiHandlers,
  isTrusted: SenderCheck,
): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(name, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This request did not come from the Caredesk window.' },
        };
      }
      return dispatchCall(handlers, name, input);
    });
  }
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(name);
  };
}
