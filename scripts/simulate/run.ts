// npm run simulate -- --server URL [--rate N] [--count N] [--people N] [--seed N] [--widget ID]
// Posts a realistic, signed stream of provider webhooks to a Caredesk server, so a demo inbox is alive.
import { parseArgs } from 'node:util';
import { channelSecretsFromEnv } from '../../server/channels/config';
import { delivery, NEEDS, signable } from './deliveries';
import type { Delivery } from './deliveries';
import { crowd, traffic } from './traffic';
import type { SimulatedKind } from './traffic';
import { webchatVisitors } from './webchat';

const USAGE = `Usage: npm run simulate -- --server URL [--rate N per second, default 2] [--count N, default endless]
                            [--people N, default 40] [--seed N] [--widget ID]
Signs with the same environment as the server: CAREDESK_PUBLIC_URL and TWILIO_AUTH_TOKEN (Twilio),
META_APP_SECRET and META_VERIFY_TOKEN (WhatsApp Cloud API, Messenger), X_CONSUMER_SECRET (X),
POSTMARK_INBOUND_USER and POSTMARK_INBOUND_PASSWORD (email). Providers without theirs are left out.
--widget: shoppers also write on the web chat with this id (an admin adds it under Admin → Channels).`;

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${value}".`);
  return n;
}

async function send(server: string, item: Delivery): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL(item.path, server), { method: 'POST', headers: item.headers, body: item.body });
  return { status: res.status, text: res.ok ? '' : (await res.text()).slice(0, 200) };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      rate: { type: 'string' },
      count: { type: 'string' },
      people: { type: 'string' },
      seed: { type: 'string' },
      widget: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.server) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const rate = positive(values.rate, 2, 'rate');
  const count = values.count === undefined ? Infinity : positive(values.count, 1, 'count');
  const seed = positive(values.seed, 1, 'seed');
  const secrets = channelSecretsFromEnv();
  const kinds: SimulatedKind[] = [...signable(secrets), ...(values.widget ? (['webchat'] as const) : [])];
  if (kinds.length === 0) {
    console.error(
      `No provider can be signed and no --widget given: set the server's webhook secrets here too.\n\n${USAGE}`,
    );
    return 2;
  }
  const left = Object.entries(NEEDS)
    .filter(([kind]) => !kinds.includes(kind as never))
    .map(([kind]) => kind);
  console.log(
    `Simulating ${kinds.join(', ')} at ${rate}/s to ${values.server}${left.length ? ` (no secrets for ${left.join(', ')})` : ''}`,
  );

  const stream = traffic(crowd(positive(values.people, 40, 'people'), seed), kinds, seed);
  const visitors = values.widget ? webchatVisitors(values.server, values.widget) : null;
  const tally = new Map<number, number>();
  let stopping = false;
  process.on('SIGINT', () => {
    stopping = true;
  });
  const started = Date.now();
  for (let sent = 0; sent < count && !stopping; sent++) {
    const next = stream.next();
    if (next.done) break;
    const { kind, person, text } = next.value;
    const result =
      kind === 'webchat'
        ? await (visitors?.send(person, text) ?? Promise.resolve({ status: 0, text: 'no --widget' }))
        : await send(values.server, delivery(kind, person, text, secrets, Date.now())).catch((error: unknown) => ({
            status: 0,
            text: error instanceof Error ? error.message : String(error),
          }));
    tally.set(result.status, (tally.get(result.status) ?? 0) + 1);
    if (result.status === 0 || result.status >= 400) console.error(`${kind}: ${result.status} ${result.text}`);
    // Paced from the start, so a slow answer does not slow the stream down for good.
    const due = started + ((sent + 1) * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  visitors?.close();
  const summary = [...tally].map(([status, n]) => `${n} × ${status === 0 ? 'unreachable' : status}`).join(', ');
  console.log(`Sent ${[...tally.values()].reduce((a, b) => a + b, 0)} deliveries: ${summary || 'none'}`);
  return [...tally.keys()].some((status) => status === 0 || status >= 400) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
