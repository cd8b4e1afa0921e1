import { describe, expect, it } from 'vitest';
import { fixture, JSON_TYPE, post, sign, storeCounts, storedDetails, storedMessages, webhookServer } from '../testing';
import { crcResponseToken } from '.';

const PATH = '/webhooks/x';
const BRAND = '2975699229';

/** A mention of the brand as Account Activity delivers it, the ids written as numbers past 2^53 like X does. */
function mention(id: string, extra = ''): string {
  return (
    `{"for_user_id":"${BRAND}","user_has_blocked":false,"tweet_create_events":[{"created_at":"Fri Dec 13 04:48:09 +0000 2019",` +
    `"id":${id},"id_str":"${id}","text":"@AcmeSupport my order #1001 still says label created",` +
    `"in_reply_to_status_id":null,"in_reply_to_status_id_str":null,"user":{"id":1205290247124217856,` +
    `"id_str":"1205290247124217856","name":"pennbrooke","screen_name":"pennbrooke1"},"timestamp_ms":"1576212489730"${extra}}]}`
  );
}

describe('the X challenge-response check', () => {
  it('matches the published vector', () => {
    expect(
      crcResponseToken('z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu', '9b4507b3-9040-4669-9ca3-6b94edb50553'),
    ).toBe('sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=');
  });
});

describe('X webhooks', () => {
  const server = webhookServer();
  const logged = server.logged;
  const signedPost = (body: string | Buffer) =>
    post(server.url, PATH, body, { 'content-type': JSON_TYPE, 'x-twitter-webhooks-signature': sign.x(body) });

  it('answers the CRC as JSON, and 400 without a token', async () => {
    const response = await fetch(new URL(`${PATH}?crc_token=crc-token-123&nonce=1`, server.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_token: 'sha256=WTP6ckqLOLFsB+woMqoUFnbdaUQZslRlj+Df7hg+aVo=' });
    expect((await fetch(new URL(PATH, server.url))).status).toBe(400);
  });

  it('stores a direct message under the sender id, showing their handle, with the brand account it reached', async () => {
    expect((await signedPost(fixture('x_aaa_dm_incoming.json'))).status).toBe(200);
    const [stored] = await storedMessages(server.sql, 'x', '1206724334791753732');
    expect(stored?.body).toBe('My order #1001 is late');
    expect(
      await server.sql.query('select kind, value, display from identities where customer_id = $1', [
        stored?.customer_id,
      ]),
    ).toEqual([{ kind: 'x', value: '1205290247124217856', display: '@pennbrooke1' }]);
    expect(await storedDetails(server.sql, 'x', '1206724334791753732')).toMatchObject({
      account: BRAND,
      kind: 'direct',
      sent_at: 1_576_540_475_925,
    });
  });

  it('stores a mention as a public mention keyed by its exact id (past 2^53), with its picture, once', async () => {
    const media =
      ',"extended_entities":{"media":[{"media_url_https":"https://pbs.twimg.com/media/box.jpg","type":"photo"}]}';
    const body = mention('1205348660982083584', media);
    expect((await signedPost(body)).status).toBe(200);
    const before = await storeCounts(server.sql);
    expect((await signedPost(body)).status).toBe(200);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(await storedMessages(server.sql, 'x', '1205348660982083584')).toHaveLength(1);
    expect(await storedDetails(server.sql, 'x', '1205348660982083584')).toMatchObject({
      kind: 'mention',
      media: [{ url: 'https://pbs.twimg.com/media/box.jpg', contentType: 'image/*' }],
    });
  });

  it('refuses a wrong signature (403) and a missing one (401), storing nothing', async () => {
    const body = mention('1205348660982083999');
    const before = await storeCounts(server.sql);
    const forged = await post(server.url, PATH, body, {
      'content-type': JSON_TYPE,
      'x-twitter-webhooks-signature': sign.meta(body),
    });
    expect(forged.status).toBe(403);
    expect((await post(server.url, PATH, body, { 'content-type': JSON_TYPE })).status).toBe(401);
    expect(await storeCounts(server.sql)).toEqual(before);
  });

  it('refuses a signed delivery without for_user_id (400), logging why', async () => {
    const before = await storeCounts(server.sql);
    expect((await signedPost('{"direct_message_events":[]}')).status).toBe(400);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(logged.some((line) => line.startsWith(`Webhook POST ${PATH} refused: The X webhook is not one`))).toBe(true);
  });

  it("acknowledges favourites and the brand's own messages without storing them, logging each", async () => {
    const before = await storeCounts(server.sql);
    const favourites = JSON.stringify({ for_user_id: BRAND, favorite_events: [{ id: 'f1' }] });
    expect((await signedPost(favourites)).status).toBe(200);
    const echo = JSON.stringify({
      for_user_id: BRAND,
      direct_message_events: [
        {
          type: 'message_create',
          id: '1206724334791759999',
          message_create: { sender_id: BRAND, target: { recipient_id: '1' }, message_data: { text: 'On its way' } },
        },
      ],
    });
    expect((await signedPost(echo)).status).toBe(200);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(logged).toEqual(
      expect.arrayContaining([
        `Webhook POST ${PATH}: acknowledged and ignored X activity "favorite_events"`,
        `Webhook POST ${PATH}: acknowledged and ignored X direct message sent by the brand (1206724334791759999)`,
      ]),
    );
  });
});
