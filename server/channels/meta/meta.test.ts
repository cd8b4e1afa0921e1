import { HELD_EARLY } from '../../services/delivery-status';
import { describe, expect, it } from 'vitest';
import {
  fixture,
  JSON_TYPE,
  post,
  sign,
  storeCounts,
  storedDetails,
  storedMessages,
  TEST_SECRETS,
  webhookServer,
} from '../testing';

const PATH = '/webhooks/meta';

const METADATA = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };

/** A WhatsApp Cloud API delivery of one change value. */
function whatsapp(value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ value: { messaging_product: 'whatsapp', metadata: METADATA, ...value }, field: 'messages' }],
      },
    ],
  });
}

function message(id: string, extra: Record<string, unknown>) {
  return { from: '16505551299', id, timestamp: '1739321100', ...extra };
}

describe('Meta webhooks', () => {
  const server = webhookServer();
  const logged = server.logged;
  const signedPost = (body: string | Buffer) =>
    post(server.url, PATH, body, { 'content-type': JSON_TYPE, 'x-hub-signature-256': sign.meta(body) });

  it('answers the verification handshake with the challenge as text, and 403 for another token', async () => {
    const verify = (token: string) =>
      fetch(new URL(`${PATH}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`, server.url));
    const right = await verify(TEST_SECRETS.metaVerifyToken);
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await right.text()).toBe('1158201444');
    const wrong = await verify('meatyhamhock');
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });

  it('stores a WhatsApp text under the sender number, with the phone number id it reached and its time', async () => {
    const id = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=';
    const response = await signedPost(fixture('meta_whatsapp_text.json'));
    expect(response.status).toBe(200);
    const [stored] = await storedMessages(server.sql, 'whatsapp', id);
    expect(stored?.body).toBe('Where is my order #1001? J\u2019ai besoin d\u2019aide');
    expect(
      await server.sql.query('select value from identities where customer_id = $1', [stored?.customer_id]),
    ).toEqual([{ value: '+16505551234' }]);
    expect(await storedDetails(server.sql, 'whatsapp', id)).toMatchObject({
      account: '106540352242922',
      kind: 'direct',
      sent_at: 1_739_321_024_000,
    });
  });

  it('keeps a WhatsApp image by its media id and type, with its caption as the body', async () => {
    const body = whatsapp({
      messages: [
        message('wamid.image1', {
          type: 'image',
          image: { caption: 'This is how it arrived', mime_type: 'image/jpeg', sha256: 'x', id: '2754859441498128' },
        }),
      ],
    });
    expect((await signedPost(body)).status).toBe(200);
    expect(await storedMessages(server.sql, 'whatsapp', 'wamid.image1')).toMatchObject([
      { body: 'This is how it arrived' },
    ]);
    expect(await storedDetails(server.sql, 'whatsapp', 'wamid.image1')).toMatchObject({
      media: [{ url: null, providerMediaId: '2754859441498128', contentType: 'image/jpeg' }],
    });
  });

  it('stores every message of a batched delivery, and each once when it is delivered again', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [1, 2].map((n) => ({
        id: '106540352242922',
        time: 1739321024000,
        messaging: [
          {
            sender: { id: `678345678901234${n}` },
            recipient: { id: '106540352242922' },
            timestamp: 1739321023871,
            message: { mid: `m_batch${n}`, text: `message ${n}` },
          },
        ],
      })),
    });
    expect((await signedPost(body)).status).toBe(200);
    const before = await storeCounts(server.sql);
    expect((await signedPost(body)).status).toBe(200);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(await storedMessages(server.sql, 'messenger', 'm_batch1')).toHaveLength(1);
    expect(await storedMessages(server.sql, 'messenger', 'm_batch2')).toHaveLength(1);
  });

  it('keeps an Instagram attachment by its URL', async () => {
    const body = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: '17841405822304914',
          time: 1739321024000,
          messaging: [
            {
              sender: { id: '1234567890123456' },
              recipient: { id: '17841405822304914' },
              timestamp: 1739321023871,
              message: {
                mid: 'ig_media1',
                attachments: [{ type: 'image', payload: { url: 'https://lookaside.example.com/ig/1.jpg' } }],
              },
            },
          ],
        },
      ],
    });
    expect((await signedPost(body)).status).toBe(200);
    expect(await storedDetails(server.sql, 'instagram', 'ig_media1')).toMatchObject({
      account: '17841405822304914',
      media: [{ url: 'https://lookaside.example.com/ig/1.jpg', contentType: 'image/*' }],
    });
  });

  it('refuses a wrong signature (403), a missing one (401) and a re-serialised body (403), storing nothing', async () => {
    const raw = fixture('meta_whatsapp_text.json');
    const reserialised = JSON.stringify(JSON.parse(raw.toString('utf8')));
    const before = await storeCounts(server.sql);
    const headers = { 'content-type': JSON_TYPE, 'x-hub-signature-256': sign.meta(raw) };
    expect((await post(server.url, PATH, reserialised, headers)).status).toBe(403);
    expect(
      (await post(server.url, PATH, raw, { ...headers, 'x-hub-signature-256': sign.meta(raw).toUpperCase() })).status,
    ).toBe(403);
    expect((await post(server.url, PATH, raw, { 'content-type': JSON_TYPE })).status).toBe(401);
    expect(await storeCounts(server.sql)).toEqual(before);
  });

  it('refuses a signed body that is not JSON or not a Meta envelope (400), logging why', async () => {
    const before = await storeCounts(server.sql);
    expect((await signedPost('{"object":')).status).toBe(400);
    expect((await signedPost(JSON.stringify({ object: 'page', entry: 'none' }))).status).toBe(400);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(logged.some((line) => line.startsWith(`Webhook POST ${PATH} refused: The Meta webhook is not one`))).toBe(
      true,
    );
  });

  it('stores nothing of a batch when one of its senders cannot be keyed (400)', async () => {
    const event = (sender: string, mid: string) => ({
      sender: { id: sender },
      recipient: { id: '106540352242922' },
      timestamp: 1739321023871,
      message: { mid, text: 'hello' },
    });
    const body = JSON.stringify({
      object: 'page',
      entry: [
        { id: '106540352242922', messaging: [event('6783456789012399', 'm_whole1'), event('not-an-id', 'm_whole2')] },
      ],
    });
    const before = await storeCounts(server.sql);
    expect((await signedPost(body)).status).toBe(400);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(logged.some((line) => line.includes('Message m_whole2 has no sender Caredesk can key'))).toBe(true);
  });

  it('acknowledges a status for an unknown message, a reaction and another object, logging each', async () => {
    expect((await signedPost(fixture('meta_whatsapp_status_delivered.json'))).status).toBe(200);
    const reaction = whatsapp({ messages: [message('wamid.reaction', { type: 'reaction', reaction: {} })] });
    expect((await signedPost(reaction)).status).toBe(200);
    expect((await signedPost(JSON.stringify({ object: 'user', entry: [] }))).status).toBe(200);
    expect(await storedMessages(server.sql, 'whatsapp', 'wamid.reaction')).toEqual([]);
    expect(logged).toEqual(
      expect.arrayContaining([
        `Webhook POST ${PATH}: delivered of whatsapp message wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA not applied: ${HELD_EARLY}`,
        `Webhook POST ${PATH}: acknowledged and ignored WhatsApp message type "reaction" (wamid.reaction)`,
        `Webhook POST ${PATH}: acknowledged and ignored Meta object "user"`,
      ]),
    );
  });
});
