// The only bridge between the sandboxed renderer and the main process: one function per
// contract call and a subscription per contract event. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, EVENT_NAMES } from '../../shared/api';
import type { CallName, EventName, PreloadBridge } from '../../shared/api';

const calls = Object.fromEntries(
  CALL_NAMES.map((name: CallName) => [name, (input: unknown) => ipcRenderer.invoke(name, input)]),
) as unknown as PreloadBridge['calls'];

const bridge: PreloadBridge = {
  calls,
  subscribe(name: EventName, listener: (payload: never) => void) {
    if (!EVENT_NAMES.includes(name)) throw new Error(`Unknown event ${String(name)}`);
    const wrapped = (_event: Electron.IpcRendererEvent, ...args: unknown[]) => listener(args[0] as never);
    ipcRenderer.on(name, wrapped);
    return () => {
      ipcRenderer.removeListener(name, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('caredesk', bridge);
