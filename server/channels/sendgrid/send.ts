import { replySubject, replyThreadHeaders } from '../email';
import type { ChannelSender, OutboundConfig, OutboundReply, ProviderAnswer, ReplyRoute, SendResult } from '../outbound';
import { apiUrl, callProvider, failureOf, field, isFailure, missingSettings, stringOrNull } from '../outbound';

/**
 * SendGrid's Mail Send v3 (`POST /v3/mail/send`, `Authorization: Bearer <API key>`): a plain-text
 * reply from the address the customer wrote to, threaded under their message with In-Reply-To and
 * References. SendGrid answers 202 with an empty body; the message's id is the `X-Message-Id` header.
 */
export const sendgridSender: ChannelSender = {
  name: 'sendgrid',
  carries: (channel) => channel === 'email',
  unconfigured: (config) => missingSettings(config, { SENDGRID_API_KEY: 'sendgridApiKey' }),
  send: sendSendgrid,
};

async function sendSendgrid(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Promise<SendResult> {
  const headers = replyThreadHeaders(route.thread);
  const answer = await callProvider(apiUrl(config.sendgridApiUrl, '/v3/mail/send'), {
    headers: {
      authorization: `Bearer ${config.sendgridApiKey ?? ''}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({
      personalizations: [{ to: [{ email: route.recipient }] }],
      from: { email: route.account || config.sendgridFrom || '' },
      subject: replySubject(route.subject),
      content: [{ type: 'text/plain', value: reply.body }],
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    }),
  });
  if (isFailure(answer)) return answer;
  if (answer.status >= 200 && answer.status < 300) {
    // Accepted is accepted: without the header (a proxy dropped it) the reply is still sent, under Caredesk's id.
    return { ok: true, providerMessageId: answer.headers.get('x-message-id') || `caredesk:${reply.messageId}` };
  }
  // No codes: the status says what kind, the first error what went wrong.
  return failureOf(withRateLimitReset(answer), null, sendgridErrorWords(answer.body));
}

/** The first error's words in SendGrid's `{"errors":[{"message","field","help"}]}`. */
export function sendgridErrorWords(body: unknown): string | null {
  const errors = field(body, 'errors');
  return stringOrNull(field(Array.isArray(errors) ? (errors[0] as unknown) : undefined, 'message'));
}

/** SendGrid names the end of a rate limit in `X-RateLimit-Reset` (Unix seconds) when it gives no Retry-After. */
function withRateLimitReset(answer: ProviderAnswer): ProviderAnswer {
  const value = answer.headers.get('x-ratelimit-reset');
  const reset = value ? Number(value) : NaN;
  if (answer.status !== 429 || answer.retryAfterMs !== undefined || !Number.isFinite(reset)) return answer;
  return { ...answer, retryAfterMs: Math.max(0, reset * 1000 - Date.now()) };
}
