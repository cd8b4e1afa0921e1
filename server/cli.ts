import { parseArgs } from 'node:util';
import { startServer } from './app';
import { channelSecretsFromEnv } from './channels/config';
import { outboundConfigFromEnv } from './channels/outbound';
import { crmConfigFromEnv } from './crm/config';
import { openDatabase } from './db/open';
import { formatCredentials } from './demo/credentials';
import { seedDemoIfEmpty } from './demo/seed';
import { unknownRegion } from './region';
import { REDIS_NEEDS_POSTGRES } from './socket/fanout';
import { DEFAULT_REGION, phoneRegion } from '../shared/domain/identity';
import { appVersion } from './version';
import { autoLinkFromEnv } from './services/link-suggestions';
import { csatGraceFromEnv } from './services/csat';

/**
 * `npm run server -- [--port 4480] [--host 127.0.0.1] [--data .caredesk/server] [--demo]`; DATABASE_URL selects
 * PostgreSQL, REDIS_URL (with DATABASE_URL) fans pokes out to the other server processes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4480' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.caredesk/server' },
      demo: { type: 'boolean', default: false },
      'demo-conversations': { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const redisUrl = process.env.REDIS_URL || undefined;
  if (redisUrl && !databaseUrl) throw new Error(REDIS_NEEDS_POSTGRES);
  const defaultRegion = process.env.CAREDESK_DEFAULT_REGION || DEFAULT_REGION;
  // Refused before anything starts: every national number would be read in the wrong country.
  if (phoneRegion(defaultRegion) === null) throw new Error(unknownRegion(defaultRegion));

  const autoLinkConfidence = autoLinkFromEnv(process.env.CAREDESK_AUTO_LINK_CONFIDENCE);

  const channelSecrets = channelSecretsFromEnv();
  const crm = crmConfigFromEnv();
  const csatGraceMs = csatGraceFromEnv(process.env.CAREDESK_CSAT_GRACE_SECONDS);
  const sweepSeconds = Number(process.env.CAREDESK_SWEEP_SECONDS || '30');
  if (!Number.isFinite(sweepSeconds) || sweepSeconds < 1 || sweepSeconds > 3_600)
    throw new Error(`CAREDESK_SWEEP_SECONDS must be 1 to 3600; got "${process.env.CAREDESK_SWEEP_SECONDS}".`);

  const db = await openDatabase({ dataDir: values.data, databaseUrl });
  let credentials: string | null = null;
  if (values.demo) {
    const seeded = await seedDemoIfEmpty(db, {
      conversations: Number(values['demo-conversations']),
      seed: Number(values.seed),
      now: Date.now(),
    });
    if (seeded.credentials.length > 0) credentials = formatCredentials(seeded.credentials);
  }

  const server = await startServer({
    sql: db,
    port,
    host: values.host,
    version: appVersion(),
    redisUrl,
    defaultRegion,
    autoLinkConfidence,
    channelSecrets,
    outbound: { config: outboundConfigFromEnv() },
    crm,
    csatGraceMs,
    snoozeSweepMs: sweepSeconds * 1_000,
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  // Launchers parse this exact prefix.
  console.log(`Caredesk server listening on ${server.url}`);
  if (credentials) console.log(credentials);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Caredesk server stopping (${signal})`);
    server
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
