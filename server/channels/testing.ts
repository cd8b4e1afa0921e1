import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { join, resolve } from 'node:path';
import type { Channel } from '../../shared/domain/channels';
export { storeCounts, storedDetails, storedMessages } from '../db/channel-testing';
import { getConversation } from '../db/conversations';
import { insertMessage } from '../db/messages';
import type { Database, Sql } from '../db/sql';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';
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

/** A server with the test secrets for the enclosing `describe`; what it logs is collected in `logged`. */
export function webhookServer(): {
  readonly url: string;
  readonly sql: Database;
  logged: string[];
  signIn: TestServer['signIn'];
} {
  let server: TestServer | undefined;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      demoConversations: 0,
      channelSecrets: TEST_SECRETS,
      log: (entry) => logged.push(String(entry)),
    });
  });
  afterAll(async () => {
    await server?.close();
  });
  const running = (): TestServer => {
    if (!server) throw new Error('The webhook test server has not started.');
    return server;
  };
  return {
    get url() {
      return running().url;
    },
    get sql() {
      return running().sql;
    },
    logged,
    signIn: (email, password) => running().signIn(email, password),
  };
}
