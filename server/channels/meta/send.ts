import type { ChannelSender, OutboundConfig, OutboundReply, ReplyRoute, SendResult } from '../outbound';
import {
  apiUrl,
  callProvider,
  failureOf,
  field,
  isFailure,
  missingSettings,
  stringOrNull,
  surveyNeedsTemplate,
  surveyTemplateMissing,
} from '../outbound';

/** Graph API error codes that mean "too many calls, later": retried like a 429. */
const THROTTLED = new Set(['4', '17', '32', '613', '80007', '130429', '131056']);

/**
 * The Graph API send calls (channels.md §2.6), with `Authorization: Bearer META_ACCESS_TOKEN`:
 * WhatsApp Cloud API to the phone number id the customer wrote to; Messenger and Instagram to the
 * page or Instagram account, addressed to the person's scoped id.
 */
export const metaSender: ChannelSender = {
  name: 'meta',
  carries: (channel, account) =>
    channel === 'messenger' || channel === 'instagram' || (channel === 'whatsapp' && /^\d+$/.test(account ?? '')),
  unconfigured: (config) => missingSettings(config, { META_ACCESS_TOKEN: 'metaAccessToken' }),
  send: sendMeta,
};

function requestBody(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Record<string, unknown> {
  if (reply.channel === 'whatsapp') {
    const addressed = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      // The Cloud API takes the number with or without "+"; webhooks name people without it.
      to: route.recipient.replace(/^\+/, ''),
    };
    const template = config.whatsappSurveyTemplate;
    // Outside the 24-hour window the survey goes as the approved template, its question the body's variable.
    if (surveyNeedsTemplate(reply, route) && template) {
      return {
        ...addressed,
        type: 'template',
        template: {
          name: template.name,
          language: { code: template.language },
          components: [{ type: 'body', parameters: [{ type: 'text', text: reply.body }] }],
        },
      };
    }
    return {
      ...addressed,
      ...(route.inReplyToProviderId ? { context: { message_id: route.inReplyToProviderId } } : {}),
      type: 'text',
      text: { preview_url: false, body: reply.body },
    };
  }
  return { recipient: { id: route.recipient }, messaging_type: 'RESPONSE', message: { text: reply.body } };
}

async function sendMeta(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Promise<SendResult> {
  const refused = surveyTemplateMissing(reply, route, 'WHATSAPP_SURVEY_TEMPLATE', !!config.whatsappSurveyTemplate);
  if (refused) return refused;
  const path = `/${config.metaGraphVersion}/${encodeURIComponent(route.account)}/messages`;
  const answer = await callProvider(apiUrl(config.metaGraphUrl, path), {
    headers: { authorization: `Bearer ${config.metaAccessToken ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(requestBody(reply, route, config)),
  });
  if (isFailure(answer)) return answer;
  const providerMessageId =
    reply.channel === 'whatsapp'
      ? stringOrNull(field(firstOf(field(answer.body, 'messages')), 'id'))
      : stringOrNull(field(answer.body, 'message_id'));
  if (answer.status >= 200 && answer.status < 300 && providerMessageId) return { ok: true, providerMessageId };
  // {"error":{"message":"…","type":"OAuthException","code":131047,"error_subcode":…,"fbtrace_id":"…"}}
  const error = field(answer.body, 'error');
  const code = stringOrNull(field(error, 'code'));
  const failure = failureOf(answer, code, stringOrNull(field(error, 'message')));
  return code !== null && THROTTLED.has(code) ? { ...failure, retryable: true } : failure;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? (value[0] as unknown) : undefined;
}
