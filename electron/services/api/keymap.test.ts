import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName } from '../../../shared/api';
import { applyChanges } from '../db/changes';
import { clearAll } from '../db/clear';
import { getMeta } from '../db/meta';
import { createMemorySecretStore, type SecretStore } from '../session/secret-store';
import { changes, team, user } from '../testing/fixtures';
import { markSignedIn } from '../testing/signed-in';
import { dispatchCall } from './dispatch';
import { createEngine, type Engine } from './engine';

const SERVER = 'http://127.0.0.1:9';

let dir: string;
let engine: Engine;
let secretStore: SecretStore;

function call<N extends CallName>(name: N, input: CallInput<N>) {
  return dispatchCall(engine.handlers, name, input, () => {});
}

async function open(userId: string): Promise<void> {
  engine = await createEngine({ dataDir: dir, serverUrl: SERVER, secretStore, log: () => {} });
  await markSignedIn(engine.db, secretStore, SERVER, userId);
  applyChanges(engine.db, changes(team('t1'), user('u1'), user('u2')));
  await engine.start();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-keymap-'));
  secretStore = createMemorySecretStore();
  await open('u1');
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('keymap:get and keymap:save', () => {
  it('start with no remaps', async () => {
    expect(await call('keymap:get', {})).toEqual({ ok: true, value: { bindings: {} } });
  });

  it('keep a rep’s remaps across a restart of the engine', async () => {
    const bindings = { 'conversation.resolve': ['KeyX'], 'palette.open': ['Mod+KeyP'] };
    expect(await call('keymap:save', { bindings })).toEqual({ ok: true, value: { bindings } });
    await engine.close();
    await open('u1');
    expect(await call('keymap:get', {})).toEqual({ ok: true, value: { bindings } });
  });

  it('refuse a malformed binding or one key given to two commands, and store nothing', async () => {
    const before = getMeta(engine.db, 'keymaps');
    const bad = await call('keymap:save', { bindings: { 'inbox.next': ['j'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/Not a key binding/);
    const twice = await call('keymap:save', { bindings: { 'inbox.next': ['KeyM'], 'inbox.previous': ['KeyM'] } });
    expect(twice.ok ? '' : twice.error.message).toMatch(/KeyM is given to both inbox.next and inbox.previous/);
    expect(getMeta(engine.db, 'keymaps')).toBe(before);
  });

  it('are per rep, and survive a sign-out', async () => {
    clearAll(engine.db);
    await engine.close();
    await open('u2');
    expect(await call('keymap:get', {})).toEqual({ ok: true, value: { bindings: {} } });
    await call('keymap:save', { bindings: { 'inbox.next': ['KeyM'] } });
    await engine.close();
    await open('u1');
    expect(await call('keymap:get', {})).toMatchObject({
      ok: true,
      value: { bindings: { 'conversation.resolve': ['KeyX'] } },
    });
  });

  it('need a signed-in rep', async () => {
    await call('session:signOut', { discardUnsentReplies: true });
    expect(await call('keymap:get', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call('keymap:save', { bindings: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
