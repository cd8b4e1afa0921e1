import { countUsers } from '../db/accounts';
import type { Sql } from '../db/sql';
import { demoCredentials, generateDemo } from './generate';
import type { DemoCredential, GenerateOptions } from './generate';
import { loadDemo } from './load';

type SeedResult = { loaded: false } | { loaded: true; credentials: DemoCredential[]; changes: number; ms: number };

/** Generates and loads the demo organisation unless the database already has users. */
export async function seedDemoIfEmpty(sql: Sql, options: GenerateOptions): Promise<SeedResult> {
  if ((await countUsers(sql)) > 0) return { loaded: false };
  const data = generateDemo(options);
  const result = await loadDemo(sql, data, options.now);
  return { loaded: true, credentials: demoCredentials(data), ...result };
}
