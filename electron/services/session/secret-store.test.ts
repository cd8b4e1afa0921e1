import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKeytarSecretStore,
  createMemorySecretStore,
  createSecretStore,
  importKeytar,
  loadKeytar,
} from './secret-store';
import type { KeytarLike, SecretStore } from './secret-store';

async function roundTrip(store: SecretStore) {
  const account = `test-${randomUUID()}`;
  expect(await store.get(account)).toBeNull();
  await store.set(account, 'token-value');
  expect(await store.get(account)).toBe('token-value');
  await store.set(account, 'token-2');
  expect(await store.get(account)).toBe('token-2');
  await store.delete(account);
  expect(await store.get(account)).toBeNull();
  await store.delete(account); // deleting twice is fine
}

/** A stand-in whose probe answers as given: only for choosing a store, never for the keychain itself. */
function fakeKeytar(probe: () => Promise<string | null>): KeytarLike {
  return {
    getPassword: probe,
    setPassword: () => Promise.resolve(),
    deletePassword: () => Promise.resolve(true),
  };
}

// keytar is optional: where it did not build (no libsecret-1-dev) it is not installed at all.
// Where it is installed, the real keychain test runs and needs a Secret Service answering on
// D-Bus: `npm run test:unit` provides one (scripts/with-keyring.mjs, dbus-run-session with an
// unlocked gnome-keyring-daemon). The keychain is never faked in that test: a fake would prove
// nothing about keytar.
const installed = (await importKeytar()) !== null;
const NOT_INSTALLED = 'keytar is not installed (an optional dependency that does not build without libsecret-1-dev)';
const NO_KEYCHAIN =
  'keytar is installed but no keychain answered: run the tests with `npm run test:unit`, which starts a Secret Service';

describe('secret stores', () => {
  it('memory store keeps secrets for this launch only', async () => {
    const store = createMemorySecretStore();
    expect(store.kind).toBe('memory');
    await roundTrip(store);
  });

  it('falls back to memory when keytar cannot be loaded', async () => {
    expect(await loadKeytar(100, () => Promise.resolve(null))).toBeNull();
    expect((await createSecretStore(() => Promise.resolve(null))).kind).toBe('memory');
  });

  it('falls back to memory when the keychain fails or does not answer in time', async () => {
    const failing = fakeKeytar(() => Promise.reject(new Error('The name org.freedesktop.secrets was not provided')));
    const hanging = fakeKeytar(() => new Promise<string | null>(() => {}));
    expect(await loadKeytar(100, () => Promise.resolve(failing))).toBeNull();
    expect(await loadKeytar(100, () => Promise.resolve(hanging))).toBeNull();
  });

  it('picks the keychain when its probe answers', async () => {
    const answering = fakeKeytar(() => Promise.resolve(null));
    expect((await createSecretStore(() => Promise.resolve(answering))).kind).toBe('keychain');
  });

  it('without keytar installed, the app keeps the token in memory', async (ctx) => {
    if (installed) ctx.skip('keytar is installed here: the keychain tests below run instead');
    expect((await createSecretStore()).kind).toBe('memory');
  });

  it('keychain store round-trips through the OS keychain (keytar)', async (ctx) => {
    if (!installed) ctx.skip(NOT_INSTALLED);
    const keytar = await loadKeytar();
    if (keytar === null) throw new Error(NO_KEYCHAIN);
    const store = createKeytarSecretStore(keytar, 'Caredesk-test');
    expect(store.kind).toBe('keychain');
    await roundTrip(store);
  });

  it('with keytar installed, the app keeps the token in the keychain', async (ctx) => {
    if (!installed) ctx.skip(NOT_INSTALLED);
    expect((await createSecretStore()).kind, NO_KEYCHAIN).toBe('keychain');
  });
});
