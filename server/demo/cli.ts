import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import { countUsers } from '../db/accounts';
import { formatCredentials } from './credentials';
import { DEMO_DEFAULT_CONVERSATIONS } from './generate';
import { seedDemoIfEmpty } from './seed';

/** `npm run demo-data -- --conversations N [--data dir] [--seed n]`; DATABASE_URL selects PostgreSQL. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: String(DEMO_DEFAULT_CONVERSATIONS) },
      data: { type: 'string', default: '.caredesk/server' },
      seed: { type: 'string', default: '1' },
    },
  });
  const db = await openDatabase({ dataDir: values.data, databaseUrl: process.env.DATABASE_URL });
  try {
    if ((await countUsers(db)) > 0) {
      console.error(
        'This database already has users; demo data is loaded only into an empty one. Use another --data folder.',
      );
      process.exitCode = 1;
      return;
    }
    const conversations = Number(values.conversations);
    console.log(`Generating ${conversations} conversations for Northwind Outfitters…`);
    const result = await seedDemoIfEmpty(db, { conversations, seed: Number(values.seed), now: Date.now() });
    if (!result.loaded) throw new Error('The database gained users while loading.');
    console.log(`Loaded ${result.changes} changes in ${(result.ms / 1000).toFixed(1)} s.`);
    console.log(formatCredentials(result.credentials));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
