#!/usr/bin/env node
// Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the
// keychain-backed SecretStore is tested against a real Secret Service. Without dbus-run-session
// or gnome-keyring-daemon the command runs as is (and the keychain tests say why they skip).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const script = 'printf "caredesk-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
let status;
if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
  // A keyring of its own, so a keyring left from earlier runs (another password) cannot be locked.
  const keyrings = mkdtempSync(join(tmpdir(), 'caredesk-keyring-'));
  try {
    const env = { ...process.env, XDG_DATA_HOME: keyrings };
    status =
      spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...args], { stdio: 'inherit', env }).status ?? 1;
  } finally {
    rmSync(keyrings, { recursive: true, force: true });
  }
} else {
  status = spawnSync(args[0], args.slice(1), { stdio: 'inherit' }).status ?? 1;
}
process.exit(status);
