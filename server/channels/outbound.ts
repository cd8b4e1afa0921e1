import type { Channel } from '../../shared/domain/channels';

/** A reply to send, as the provider needs it. */
export interface OutboundReply {
  /** Caredesk's message id: the idempotency key of the send. */
  messageId: string;
  channel: Channel;
  body: string;
  /** Caredesk's own message (the satisfaction survey), not a rep's: a template may carry it. */
  automatic: boolean;
}

/** Where a reply goes: back the way the conversation's latest message came. */
export interface ReplyRoute {
  /** The brand's account the customer wrote to (a number, a phone number id, a page, an X user id, an address). */
  account: string;
  /** The customer's identity on the channel (E.164 phone, WhatsApp id, provider user id, email address). */
  recipient: string;
  /** Whether the customer wrote a direct message or a public mention (X: a mention is answered with a reply post). */
  kind: 'direct' | 'mention';
  /** The provider's id of the message answered (a quoted WhatsApp reply, the X post replied to). */
  inReplyToProviderId: string | null;
  /** Email: the subject and thread references of the message answered. */
  subject: string | null;
  thread: { messageId?: string; references?: string[] };
  /**
   * Whether the customer wrote on this channel within the last 24 hours: WhatsApp takes free-form
   * messages only then, and an approved template after.
   */
  windowOpen: boolean;
}

/** WhatsApp's customer-service window: free-form messages until 24 h after the customer's last one. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** An approved WhatsApp template (Cloud API): its name and language code. */
export interface WhatsappTemplate {
  name: string;
  language: string;
}

/** A send the provider refused or that did not reach it: `retryable` failures are tried again later. */
export interface SendFailure {
  ok: false;
  retryable: boolean;
  /** The provider's error code (or `http_<status>`, `network`). */
  code: string;
  /** The provider's words, shown to the rep. */
  text: string;
  /** How long the provider asked to wait (Retry-After), if it said. */
  retryAfterMs?: number;
}

export type SendResult = { ok: true; providerMessageId: string } | SendFailure;

/** Base URLs and credentials of the providers' send APIs (`outboundConfigFromEnv`). */
export interface OutboundConfig {
  /** Where providers post status callbacks back (`CAREDESK_PUBLIC_URL`). */
  publicUrl?: string;
  twilioApiUrl: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  metaGraphUrl: string;
  metaGraphVersion: string;
  metaAccessToken?: string;
  xApiUrl: string;
  xUserToken?: string;
  postmarkApiUrl: string;
  postmarkServerToken?: string;
  /** The From address of email replies when the conversation's account is not known. */
  postmarkFrom?: string;
  sendgridApiUrl: string;
  sendgridApiKey?: string;
  /** The From address of email replies through SendGrid when the conversation's account is not known. */
  sendgridFrom?: string;
  /** The Cloud API template that carries the survey outside the 24-hour window (`WHATSAPP_SURVEY_TEMPLATE`). */
  whatsappSurveyTemplate?: WhatsappTemplate;
  /** Twilio's Content template for the same (`TWILIO_SURVEY_CONTENT_SID`; its variable 1 is the question). */
  twilioSurveyContentSid?: string;
}

/** One provider's send API for the channels it carries. */
export interface ChannelSender {
  name: string;
  /** Whether this provider carries replies from `account` on `channel` (Twilio vs Meta for WhatsApp). */
  carries(channel: Channel, account: string | null): boolean;
  /** Why it cannot send with this configuration (names the variables), or null. */
  unconfigured(config: OutboundConfig): string | null;
  /** Addresses the customer alone, whichever brand account they wrote to (web chat's visitor ids). */
  accountless?: boolean;
  send(reply: OutboundReply, route: ReplyRoute, config: OutboundConfig): Promise<SendResult>;
}

export const DEFAULT_OUTBOUND: OutboundConfig = {
  twilioApiUrl: 'https://api.twilio.com',
  metaGraphUrl: 'https://graph.facebook.com',
  metaGraphVersion: 'v21.0',
  xApiUrl: 'https://api.x.com',
  postmarkApiUrl: 'https://api.postmarkapp.com',
  sendgridApiUrl: 'https://api.sendgrid.com',
};

/** The send APIs' addresses and credentials from the environment; an empty variable counts as unset. */
export function outboundConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OutboundConfig {
  const read = (name: string) => env[name] || undefined;
  return {
    publicUrl: read('CAREDESK_PUBLIC_URL'),
    twilioApiUrl: read('TWILIO_API_URL') ?? DEFAULT_OUTBOUND.twilioApiUrl,
    twilioAccountSid: read('TWILIO_ACCOUNT_SID'),
    twilioAuthToken: read('TWILIO_AUTH_TOKEN'),
    metaGraphUrl: read('META_GRAPH_URL') ?? DEFAULT_OUTBOUND.metaGraphUrl,
    metaGraphVersion: read('META_GRAPH_VERSION') ?? DEFAULT_OUTBOUND.metaGraphVersion,
    metaAccessToken: read('META_ACCESS_TOKEN'),
    xApiUrl: read('X_API_URL') ?? DEFAULT_OUTBOUND.xApiUrl,
    xUserToken: read('X_USER_ACCESS_TOKEN'),
    postmarkApiUrl: read('POSTMARK_API_URL') ?? DEFAULT_OUTBOUND.postmarkApiUrl,
    postmarkServerToken: read('POSTMARK_SERVER_TOKEN'),
    postmarkFrom: read('POSTMARK_FROM'),
    sendgridApiUrl: read('SENDGRID_API_URL') ?? DEFAULT_OUTBOUND.sendgridApiUrl,
    sendgridApiKey: read('SENDGRID_API_KEY'),
    sendgridFrom: read('SENDGRID_FROM'),
    whatsappSurveyTemplate: templateOf(read('WHATSAPP_SURVEY_TEMPLATE')),
    twilioSurveyContentSid: read('TWILIO_SURVEY_CONTENT_SID'),
  };
}

/** `name:language` ("csat_survey:en_US"); a name alone is in `en_US`. */
function templateOf(value: string | undefined): WhatsappTemplate | undefined {
  if (value === undefined) return undefined;
  const [name = '', language = 'en_US'] = value.split(':').map((part) => part.trim());
  return name === '' ? undefined : { name, language: language || 'en_US' };
}

/** Whether `reply` is the survey on WhatsApp outside the 24-hour window: only a template may carry it. */
export function surveyNeedsTemplate(reply: OutboundReply, route: ReplyRoute): boolean {
  return reply.channel === 'whatsapp' && reply.automatic && !route.windowOpen;
}

/**
 * Why `reply` cannot go on WhatsApp as it is, or null: outside the 24-hour window only a template
 * goes, so the survey needs the provider's template (`setting` names it) and a rep's reply fails
 * at the provider with its own reason, as before.
 */
export function surveyTemplateMissing(reply: OutboundReply, route: ReplyRoute, setting: string, configured: boolean) {
  if (!surveyNeedsTemplate(reply, route) || configured) return null;
  return {
    ok: false as const,
    retryable: false,
    code: 'template_required',
    text:
      'The survey was not sent: WhatsApp takes only an approved template more than 24 hours after the ' +
      `customer's last message, and none is set (${setting}).`,
  };
}

/** Missing settings among `names` (variable → key), as a reason, or null when all are set. */
export function missingSettings(config: OutboundConfig, names: Record<string, keyof OutboundConfig>): string | null {
  const missing = Object.entries(names)
    .filter(([, key]) => !config[key])
    .map(([variable]) => variable);
  return missing.length === 0 ? null : `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`;
}

/** `base` + `path`, keeping a path prefix the base may carry (a test double, a proxy). */
export function apiUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

const SEND_TIMEOUT_MS = 30_000;

/** What a provider answered: its status, headers and parsed JSON body (null when not JSON). */
export interface ProviderAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  retryAfterMs: number | undefined;
}

/**
 * One request to a provider's send API. A request that never got an answer (refused, reset,
 * timed out) is a retryable `network` failure.
 */
export async function callProvider(
  url: string,
  init: { headers: Record<string, string>; body: string },
): Promise<ProviderAnswer | SendFailure> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return {
      ok: false,
      retryable: true,
      code: 'network',
      text: `The provider could not be reached: ${describe(error)}`,
    };
  }
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: parseJson(text),
    retryAfterMs: retryAfter(response.headers.get('retry-after')),
  };
}

/** A provider's answer as JSON, or null when it is not (an HTML error page from a proxy). */
export function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * A provider's error answer as a failure: rate limiting (429) and the provider's own trouble (5xx)
 * are retried; anything else it refused is permanent.
 */
export function failureOf(answer: ProviderAnswer, code: string | null, text: string | null): SendFailure {
  const retryable = answer.status === 429 || answer.status >= 500;
  return {
    ok: false,
    retryable,
    code: code ?? `http_${answer.status}`,
    text: text ?? `The provider answered HTTP ${answer.status}.`,
    ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}),
  };
}

export function isFailure(answer: ProviderAnswer | SendFailure): answer is SendFailure {
  return 'ok' in answer;
}

/** A field of a JSON object, if the value is one. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

export function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return null;
}
