import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/domain/channels';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';
import {
  FIXTURES_DIR,
  fixture,
  FORM,
  JSON_TYPE,
  post,
  sentReply,
  storeCounts,
  storedMessages,
  TEST_SECRETS,
} from './testing';

interface ManifestEntry {
  file?: string;
  scheme: 'twilio' | 'meta' | 'x' | 'x-crc';
  url?: string;
  header?: string;
  signature?: string;
  crc_token?: string;
  response_body?: string;
}

const manifest = JSON.parse(readFileSync(join(FIXTURES_DIR, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;

const PATHS = { meta: '/webhooks/meta', x: '/webhooks/x' } as const;

/** What each signed fixture must leave in the store: an inbound message, or a reply's new status. */
const EXPECTED: Record<string, { channel: Channel; id: string; inbound?: string; status?: string }> = {
  twilio_sms_inbound: { channel: 'sms', id: 'SM1f0e8ae6ade43cb3c0ce4525424e404f', inbound: 'Where is my order #1001?' },
  twilio_whatsapp_inbound: {
    channel: 'whatsapp',
    id: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    inbound: 'Hi, my package never arrived',
  },
  twilio_status_callback_sms_delivered: {
    channel: 'sms',
    id: 'SM8f2c1d0e9b7a6c5d4e3f2a1b0c9d8e7f',
    status: 'delivered',
  },
  meta_whatsapp_text: {
    channel: 'whatsapp',
    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
    inbound: 'Where is my order #1001? J\u2019ai besoin d\u2019aide',
  },
  meta_whatsapp_status_delivered: {
    channel: 'whatsapp',
    id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
    status: 'delivered',
  },
  meta_messenger_text: {
    channel: 'messenger',
    id: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P',
    inbound: 'Hi, can I change my delivery address?',
  },
  x_aaa_dm_incoming: { channel: 'x', id: '1206724334791753732', inbound: 'My order #1001 is late' },
};

const signed = Object.entries(manifest).filter(
  (entry): entry is [string, ManifestEntry & { file: string; header: string; signature: string }] =>
    entry[1].file !== undefined,
);

function request(entry: ManifestEntry & { file: string; header: string; signature: string }) {
  const path = entry.scheme === 'twilio' ? new URL(entry.url ?? '').pathname : PATHS[entry.scheme as 'meta' | 'x'];
  const contentType = entry.scheme === 'twilio' ? FORM : JSON_TYPE;
  return { path, headers: { 'content-type': contentType, [entry.header]: entry.signature } };
}

/** One byte changed in the second half of the body (a lower-case letter, shifted by one), length kept. */
function tampered(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  const at = copy.findIndex((byte, index) => index >= copy.length / 2 && byte >= 0x61 && byte < 0x7a);
  if (at < 0) throw new Error('no letter to change in the second half of the body');
  copy[at] = (copy[at] ?? 0) + 1;
  return copy;
}

describe('every signed fixture of the reference, posted byte-exact with its recorded signature', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ demoConversations: 0, channelSecrets: TEST_SECRETS, log: () => {} });
    // The replies the status fixtures report on.
    await sentReply(server.sql, 'sms', '+14155550123', 'SM8f2c1d0e9b7a6c5d4e3f2a1b0c9d8e7f');
    await sentReply(
      server.sql,
      'whatsapp',
      '16505551234',
      'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
    );
  });

  afterAll(async () => {
    await server?.close();
  });

  it('covers every fixture the manifest lists', () => {
    expect(signed.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(manifest).sort()).toEqual([...Object.keys(EXPECTED), 'x_crc'].sort());
  });

  it.each(signed)('refuses %s with one byte changed and stores nothing', async (_name, entry) => {
    const { path, headers } = request(entry);
    const before = await storeCounts(server.sql);
    const response = await post(server.url, path, tampered(fixture(entry.file)), headers);
    expect(response.status).toBe(403);
    expect(await storeCounts(server.sql)).toEqual(before);
  });

  it.each(signed)('accepts %s and stores what it carries', async (name, entry) => {
    const { path, headers } = request(entry);
    const response = await post(server.url, path, fixture(entry.file), headers);
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    const expected = EXPECTED[name];
    if (!expected) throw new Error(`no expectation for ${name}`);
    const stored = await storedMessages(server.sql, expected.channel, expected.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject(
      expected.inbound !== undefined
        ? { direction: 'inbound', body: expected.inbound, status: 'received' }
        : { direction: 'outbound', status: expected.status },
    );
  });

  it('answers the X challenge of the manifest with its exact response body', async () => {
    const crc = manifest.x_crc;
    const response = await fetch(new URL(`/webhooks/x?crc_token=${crc?.crc_token ?? ''}`, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe(crc?.response_body);
  });
});
