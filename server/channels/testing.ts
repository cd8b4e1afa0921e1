import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Channel } from '../../shared/domain/channels';
export { storeCounts, storedDetails, storedMessages } from '../db/channel-testing';
import { getConversation } from '../db/conversations';
import { insertMessage } from '../db/messages';
import type { Sql } from '../db/sql';
import { receiveInbound } from '../services/inbound';
import type { ChannelSecrets } from './provider';
import { hmac } from './signature';
import { twilioSignature } from './twilio/signature';

/** The reference fixtures sit beside the repository (CI clones it with ../shared next to it). */
export const FIXTURES_DIR = resolve(__dirname, '../../../shared/reference/fixtures');

export function fixture(file: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, file));
}

/** The test secrets the fixtures are signed with (channels.md), and the public URL Twilio signed. */
export const TEST_SECRETS: Required<ChannelSecrets> = {
  publicUrl: 'https://care.example.com',
  twilioAuthToken: 'test_auth_token',
  metaAppSecret: 'test_app_secret',
  metaVerifyToken: 'test_verify_token',
  xConsumerSecret: 'test_consumer_secret',
  postmarkUser: 'postmark',
  postmarkPassword: 'test_postmark_password',
  sendgridUser: 'sendgrid',
  sendgridPassword: 'test_sendgrid_password',
};

/** Signs a body the way each provider does, with the test secrets. */
export const sign = {
  twilio: (path: string, body: string) =>
    twilioSignature(TEST_SECRETS.twilioAuthToken, TEST_SECRETS.publicUrl + path, [...new URLSearchParams(body)]),
  meta: (body: Buffer | string) => `sha256=${hmac('sha256', TEST_SECRETS.metaAppSecret, body, 'hex')}`,
  x: (body: Buffer | string) => `sha256=${hmac('sha256', TEST_SECRETS.xConsumerSecret, body, 'base64')}`,
  basic: (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
};

export function post(url: string, path: string, body: Buffer | string, headers: Record<string, string>) {
  return fetch(new URL(path, url), { method: 'POST', headers, body });
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** A reply Caredesk sent on `channel` that the provider knows as `providerMessageId`, to receive its statuses. */
export async function sentReply(sql: Sql, channel: Channel, from: string, providerMessageId: string): Promise<void> {
  const { conversationId } = await receiveInbound(sql, { channel, from, body: 'Where is my parcel?' }, Date.now());
  const conversation = await getConversation(sql, conversationId);
  if (!conversation) throw new Error(`conversation ${conversationId} was not stored`);
  await sql.transaction((tx) =>
    insertMessage(
      tx,
      {
        id: `reply-${providerMessageId}`,
        conversationId,
        channel,
        direction: 'outbound',
        authorId: null,
        body: 'It is on its way.',
        createdAt: Date.now(),
        status: 'pending',
        clientId: null,
      },
      conversation.teamId,
      providerMessageId,
    ),
  );
}
