import { replySubject, replyThreadHeaders } from '../email';
import type { ChannelSender, OutboundConfig, OutboundReply, ReplyRoute, SendResult } from '../outbound';
import { apiUrl, callProvider, failureOf, field, isFailure, missingSettings, stringOrNull } from '../outbound';

/**
 * Postmark's single email API (`POST /email`, `X-Postmark-Server-Token`): a plain-text reply from
 * the address the customer wrote to, threaded under their message with In-Reply-To and References.
 */
export const postmarkSender: ChannelSender = {
  name: 'postmark',
  carries: (channel) => channel === 'email',
  unconfigured: (config) => missingSettings(config, { POSTMARK_SERVER_TOKEN: 'postmarkServerToken' }),
  send: sendPostmark,
};

async function sendPostmark(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Promise<SendResult> {
  const answer = await callProvider(apiUrl(config.postmarkApiUrl, '/email'), {
    headers: {
      'x-postmark-server-token': config.postmarkServerToken ?? '',
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({
      From: route.account || config.postmarkFrom || '',
      To: route.recipient,
      Subject: replySubject(route.subject),
      TextBody: reply.body,
      Headers: Object.entries(replyThreadHeaders(route.thread)).map(([Name, Value]) => ({ Name, Value })),
      MessageStream: 'outbound',
    }),
  });
  if (isFailure(answer)) return answer;
  const errorCode = field(answer.body, 'ErrorCode');
  const providerMessageId = stringOrNull(field(answer.body, 'MessageID'));
  if (answer.status >= 200 && answer.status < 300 && errorCode === 0 && providerMessageId)
    return { ok: true, providerMessageId };
  // {"ErrorCode":300,"Message":"Invalid 'To' address: …"}
  return failureOf(answer, stringOrNull(errorCode), stringOrNull(field(answer.body, 'Message')));
}
