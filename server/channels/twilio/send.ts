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

/**
 * Twilio's Messages resource (channels.md §1.5): a form post with HTTP Basic `AccountSid:AuthToken`;
 * the answer's `sid` is what status callbacks name. WhatsApp numbers carry the `whatsapp:` prefix.
 */
export const twilioSender: ChannelSender = {
  name: 'twilio',
  // WhatsApp through Twilio reached a phone number; through Meta's Cloud API, a phone number id.
  carries: (channel, account) => channel === 'sms' || (channel === 'whatsapp' && account?.startsWith('+') === true),
  unconfigured: (config) =>
    missingSettings(config, { TWILIO_ACCOUNT_SID: 'twilioAccountSid', TWILIO_AUTH_TOKEN: 'twilioAuthToken' }),
  send: sendTwilio,
};

async function sendTwilio(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Promise<SendResult> {
  const sid = config.twilioAccountSid ?? '';
  const refused = surveyTemplateMissing(reply, route, 'TWILIO_SURVEY_CONTENT_SID', !!config.twilioSurveyContentSid);
  if (refused) return refused;
  const prefix = reply.channel === 'whatsapp' ? 'whatsapp:' : '';
  const form = new URLSearchParams({ To: prefix + route.recipient, From: prefix + route.account });
  // Outside WhatsApp's 24-hour window the survey goes as the Content template, its question variable 1.
  if (surveyNeedsTemplate(reply, route) && config.twilioSurveyContentSid) {
    form.set('ContentSid', config.twilioSurveyContentSid);
    form.set('ContentVariables', JSON.stringify({ 1: reply.body }));
  } else form.set('Body', reply.body);
  if (config.publicUrl) form.set('StatusCallback', apiUrl(config.publicUrl, '/webhooks/twilio/status'));
  const answer = await callProvider(
    apiUrl(config.twilioApiUrl, `/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`),
    {
      headers: {
        authorization: `Basic ${Buffer.from(`${sid}:${config.twilioAuthToken ?? ''}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
    },
  );
  if (isFailure(answer)) return answer;
  const providerMessageId = stringOrNull(field(answer.body, 'sid'));
  if (answer.status >= 200 && answer.status < 300 && providerMessageId) return { ok: true, providerMessageId };
  // {"code":21211,"message":"…","more_info":"…","status":400}
  return failureOf(answer, stringOrNull(field(answer.body, 'code')), stringOrNull(field(answer.body, 'message')));
}
