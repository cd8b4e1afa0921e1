import type { DemoCredential } from './generate';

/** Human-readable sign-in lines, printed by the CLIs when demo data is loaded. */
export function formatCredentials(credentials: readonly DemoCredential[]): string {
  const password = credentials[0]?.password ?? '';
  const lines = credentials.map((c) => `  ${c.email.padEnd(28)} ${c.role.padEnd(6)} ${c.teams.join(', ')}`);
  return [`Demo sign-in (password for everyone: ${password}):`, ...lines].join('\n');
}
