// The routing bench's database: one team of reps with capacities and skills, and a queue of
// conversations each begun by a customer's message, written once into a template database by the
// server's own migrations and writers; every measured pass runs on a fresh copy of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Channel } from '../../shared/domain/channels';
import type { RepRouting } from '../../shared/domain/routing';
import type { Language } from '../../shared/suggest/language';
import { hashPassword } from '../../server/auth/password';
import { createTeam, createUser } from '../../server/db/accounts';
import { openDatabase } from '../../server/db/open';
import { openPostgres } from '../../server/db/postgres';
import type { Database } from '../../server/db/sql';
import { createTestPostgres } from '../../server/db/testing';
import { receiveInbound } from '../../server/services/inbound';
import { writeRoutingSettings } from '../../server/services/routing/settings';

export const TEAM = 'bench-team';
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Sizes {
  conversations: number;
  reps: number;
}

export interface Seeded {
  repIds: string[];
  /** A fresh database with the seeded state (a file copy of the template); `drop()` removes it. */
  copy(): Promise<{ db: Database; drop(): Promise<void> }>;
  drop(): Promise<void>;
}

/** What customers write: four languages, calm and upset, so triage and the language guess have work. */
const BODIES: string[] = [
  'Hi, where is my parcel? The tracking has not moved since Tuesday.',
  'This is terrible, my order arrived broken and nobody answers. I want a refund now!',
  '¿Dónde está mi pedido? Todavía no ha llegado y el seguimiento no cambia.',
  'Où est ma commande ? Elle n’est toujours pas arrivée, merci de me répondre.',
  'Wo ist meine Bestellung? Sie ist immer noch nicht angekommen, bitte helfen Sie mir.',
  'Can I change the delivery address of my order please? Thanks!',
  'Estoy muy enfadado, el paquete llegó dañado y quiero mi dinero.',
];
const CHANNELS: Channel[] = ['sms', 'whatsapp', 'email'];
const PRODUCT_TAGS = [[], ['product:shoes'], ['product:bags']];
const LANGUAGE_SETS: Language[][] = [[], ['en', 'es'], ['en', 'fr'], ['en', 'de'], ['en']];

/** Rep `i` (1-based): some generalists, some with languages, a channel or a product line only, some with less room. */
function repRouting(userId: string, i: number): RepRouting {
  return {
    userId,
    maxOpen: i % 10 === 0 ? 30 : null,
    languages: LANGUAGE_SETS[i % LANGUAGE_SETS.length] ?? [],
    channels: i % 7 === 0 ? ['email'] : [],
    productLines: i % 4 === 0 ? ['shoes'] : [],
  };
}

/** Room for 50,000 customers' numbers, as the server's own tests write them. */
const AREA_CODES = ['415', '212', '312', '646', '718'];

function sender(channel: Channel, i: number): string {
  if (channel === 'email') return `customer${i}@example.com`;
  return `+1${AREA_CODES[Math.floor(i / 10_000)] ?? '415'}555${String(i % 10_000).padStart(4, '0')}`;
}

/** Seeds the template database; `now` is when the queue is routed (every conversation began before it). */
export async function seedRouting(sizes: Sizes, now: number): Promise<Seeded> {
  const template = await createTestPostgres('caredesk_bench_routing', BASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-routing-'));
  const db = await openDatabase({ dataDir, databaseUrl: template.url });
  const repIds = Array.from({ length: sizes.reps }, (_, i) => `bench-rep-${String(i + 1).padStart(3, '0')}`);
  try {
    const start = now - sizes.conversations * 1_000 - 60_000;
    await createTeam(db, { id: TEAM, name: 'Bench team' }, start);
    const password = await hashPassword('bench');
    const user = (id: string, role: 'rep' | 'lead') =>
      createUser(db, { id, name: id, email: `${id}@example.com`, role, teamIds: [TEAM], password }, start);
    const lead = await user('bench-lead', 'lead');
    for (const id of repIds) await user(id, 'rep');
    await writeRoutingSettings(
      db,
      lead,
      TEAM,
      {
        mode: 'fewest_open',
        maxOpen: 100,
        channelMaxOpen: { email: 40 },
        offlineReturnMinutes: null,
        reps: repIds.map((id, i) => repRouting(id, i + 1)),
      },
      start,
    );
    for (let i = 0; i < sizes.conversations; i++) {
      const channel = CHANNELS[i % CHANNELS.length] ?? 'sms';
      const body = BODIES[i % BODIES.length] ?? '';
      await receiveInbound(db, { channel, from: sender(channel, i), body }, start + i * 1_000, TEAM);
    }
    // Product lines come from tags, which a rep or a rule sets after the first message (in runs of three,
    // so that they do not follow the channel).
    for (const [k, tags] of PRODUCT_TAGS.entries()) {
      await db.query(
        `with n as (select id, row_number() over (order by created_at, id) as k from conversations where team_id = $1)
         update conversations c set tags = $2::text::jsonb from n where n.id = c.id and (n.k / 3) % $3 = $4`,
        [TEAM, JSON.stringify(tags), PRODUCT_TAGS.length, k],
      );
    }
    await db.query('analyze');
  } catch (error) {
    await db.close();
    await template.drop();
    throw error;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await db.close();
  const templateName = new URL(template.url).pathname.slice(1);
  let copies = 0;
  return {
    repIds,
    copy: async () => {
      // A file copy of the template: the same pages, the same statistics, nothing cached in shared buffers.
      const name = `${templateName}_${++copies}`;
      await admin(`create database ${name} template ${templateName} strategy file_copy`);
      const url = new URL(template.url);
      url.pathname = `/${name}`;
      // Dropping it ends its connections: a pooled one may see that after `close()` has resolved.
      let dropping = false;
      const opened = openPostgres(url.toString(), {
        max: 2,
        log: (error) => {
          if (!dropping) console.error(error);
        },
      });
      return {
        db: opened,
        drop: async () => {
          dropping = true;
          await opened.close();
          await admin(`drop database if exists ${name} with (force)`);
        },
      };
    },
    drop: () => template.drop(),
  };
}

/** One statement on the server's maintenance database. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
