import { countUsers, listTeams, listUsers } from '../db/accounts';
import type { Sql } from '../db/sql';
import { DEMO_EMAIL_DOMAIN, demoCredentials, generateDemo } from './generate';
import type { DemoCredential, GenerateOptions } from './generate';
import { loadDemo } from './load';

type SeedResult =
  | { loaded: false; credentials: DemoCredential[] }
  | { loaded: true; credentials: DemoCredential[]; changes: number; ms: number };

/** Generates and loads the demo organisation unless the database already has users. */
export async function seedDemoIfEmpty(sql: Sql, options: GenerateOptions): Promise<SeedResult> {
  if ((await countUsers(sql)) > 0) {
    // Loaded on an earlier start: still say how to sign in, if these are the demo accounts.
    const users = (await listUsers(sql)).filter((user) => user.email.endsWith(DEMO_EMAIL_DOMAIN));
    return { loaded: false, credentials: demoCredentials({ users, teams: await listTeams(sql) }) };
  }
  const data = generateDemo(options);
  const result = await loadDemo(sql, data, options.now);
  return { loaded: true, credentials: demoCredentials(data), ...result };
}
