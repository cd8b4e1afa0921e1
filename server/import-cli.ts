// `npm run import -- FILE [--data dir] [--region GB] [--partial]`: customer records (CSV or JSON) into
// the embedded CRM. DATABASE_URL selects PostgreSQL; the embedded store is written with its server stopped.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REGION, phoneRegion } from '../shared/domain/identity';
import { openDatabase } from './db/open';
import { unknownRegion } from './region';
import { parseImport } from './services/import/parse';
import { storeImport } from './services/import/store';
import { describeReport } from './services/import/report';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: '.caredesk/server' },
      region: { type: 'string', default: process.env.CAREDESK_DEFAULT_REGION || DEFAULT_REGION },
      partial: { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!file) throw new Error('Usage: npm run import -- FILE [--data dir] [--region GB] [--partial]');
  if (phoneRegion(values.region) === null) throw new Error(unknownRegion(values.region));
  const parsed = parseImport(file, await readFile(file, 'utf8'), values.region);
  const db = await openDatabase({ dataDir: values.data, databaseUrl: process.env.DATABASE_URL });
  try {
    const report = await storeImport(db, parsed, { source: basename(file), now: Date.now(), partial: values.partial });
    console.log(describeReport(report));
    if (report.rejected.length > 0) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
