import type { ChannelSender, OutboundConfig, OutboundReply, ReplyRoute, SendResult } from '../outbound';
import { apiUrl, callProvider, failureOf, field, isFailure, missingSettings, stringOrNull } from '../outbound';

/**
 * X API v2 (channels.md §3.4) with a user-context OAuth 2.0 token of the brand's account
 * (`dm.write`, `tweet.write`): a direct message to the person, or a reply post to the mention.
 */
export const xSender: ChannelSender = {
  name: 'x',
  carries: (channel) => channel === 'x',
  unconfigured: (config) => missingSettings(config, { X_USER_ACCESS_TOKEN: 'xUserToken' }),
  send: sendX,
};

async function sendX(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Promise<SendResult> {
  const mention = route.kind === 'mention' && route.inReplyToProviderId !== null;
  const path = mention ? '/2/tweets' : `/2/dm_conversations/with/${encodeURIComponent(route.recipient)}/messages`;
  const body = mention
    ? { text: reply.body, reply: { in_reply_to_tweet_id: route.inReplyToProviderId } }
    : { text: reply.body };
  const answer = await callProvider(apiUrl(config.xApiUrl, path), {
    headers: { authorization: `Bearer ${config.xUserToken ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (isFailure(answer)) return answer;
  const data = field(answer.body, 'data');
  const providerMessageId = stringOrNull(field(data, mention ? 'id' : 'dm_event_id'));
  if (answer.status >= 200 && answer.status < 300 && providerMessageId) return { ok: true, providerMessageId };
  // Problem details {"title","detail","type","status"} or {"errors":[{"message"}]}.
  const first = Array.isArray(field(answer.body, 'errors')) ? (field(answer.body, 'errors') as unknown[])[0] : null;
  return failureOf(
    answer,
    stringOrNull(field(answer.body, 'title')) ?? stringOrNull(field(first, 'code')),
    stringOrNull(field(answer.body, 'detail')) ?? stringOrNull(field(first, 'message')),
  );
}
