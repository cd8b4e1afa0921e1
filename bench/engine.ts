// An engine as a benchmark needs it: a fresh cache, signed in with a demo password, synced and idle.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../electron/services/api/engine';
import type { Engine } from '../electron/services/api/engine';
import { createMemorySecretStore } from '../electron/services/session/secret-store';
import { nextEvent } from '../electron/services/testing/events';
import { DEMO_PASSWORD } from '../server/demo/generate';

export async function syncedEngine(serverUrl: string, email: string): Promise<Engine> {
  const engine = await createEngine({
    dataDir: mkdtempSync(join(tmpdir(), 'caredesk-bench-engine-')),
    serverUrl,
    secretStore: createMemorySecretStore(),
    log: () => {},
  });
  const online = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online', 300_000);
  await engine.handlers['session:signIn']({ email, password: DEMO_PASSWORD, discardUnsentReplies: false });
  await online;
  await engine.idle();
  return engine;
}
