import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../shared/api';
import { createEngine } from '../services/api/engine';
import type { Engine } from '../services/api/engine';
import { createMemorySecretStore } from '../services/session/secret-store';
import { registerIpc } from './ipc';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

/** ipcMain as Electron hands it over, recording the handlers registered on it. */
function recordingIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
  };
}

const trusted = { trusted: true } as unknown as IpcMainInvokeEvent;
const stranger = { trusted: false } as unknown as IpcMainInvokeEvent;

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-ipc-'));
  engine = await createEngine({
    dataDir: dir,
    serverUrl: 'http://127.0.0.1:9',
    secretStore: createMemorySecretStore(),
  });
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC adapter', () => {
  it('registers exactly one handler per contract call and removes them all', () => {
    const { ipcMain, handlers } = recordingIpcMain();
    const dispose = registerIpc(ipcMain, engine.handlers, () => true);
    expect([...handlers.keys()].sort()).toEqual([...CALL_NAMES].sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('refuses a sender that is not the app window, before any service runs', async () => {
    const { ipcMain, handlers } = recordingIpcMain();
    registerIpc(ipcMain, engine.handlers, (event) => (event as unknown as { trusted: boolean }).trusted);
    const me = handlers.get('session:me')!;
    expect(await me(stranger, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await me(trusted, {})).toMatchObject({ ok: true, value: { user: null } });
  });

  it('parses every payload with the contract schema', async () => {
    const { ipcMain, handlers } = recordingIpcMain();
    registerIpc(ipcMain, engine.handlers, () => true);
    const get = handlers.get('inbox:get')!;
    expect(await get(trusted, { conversationId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await get(trusted, 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // A well-formed payload reaches the engine, which wants a signed-in rep first.
    expect(await get(trusted, { conversationId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });
});
