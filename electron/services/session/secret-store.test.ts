import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore, createMemorySecretStore, createSecretStore, loadKeytar } from './secret-store';
import type { SecretStore } from './secret-store';

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

// A real keychain exists only where a Secret Service answers on D-Bus (CI runs the tests under
// dbus-run-session with an unlocked gnome-keyring-daemon). Elsewhere the keychain test is
// skipped rather than faked: a fake would prove nothing about keytar.
const keytar = await loadKeytar();
const available = keytar !== null;

describe('secret stores', () => {
  it('memory store keeps secrets for this launch only', async () => {
    const store = createMemorySecretStore();
    expect(store.kind).toBe('memory');
    await roundTrip(store);
  });

  it.skipIf(!available)('keychain store round-trips through the OS keychain (keytar)', async () => {
    if (!keytar) return;
    const store = createKeytarSecretStore(keytar, 'Caredesk-test');
    expect(store.kind).toBe('keychain');
    await roundTrip(store);
  });

  it('createSecretStore picks the keychain when it works, else memory', async () => {
    const store = await createSecretStore();
    expect(store.kind).toBe(available ? 'keychain' : 'memory');
  });
});
