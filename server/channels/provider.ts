import type { IncomingHttpHeaders } from 'node:http';
import { CaredeskError } from '../../shared/domain/errors';
import type { ParsedBody } from '../http/body';
import type { WebhookOutcome } from './event';

/**
 * The secrets and the public address the providers sign with, read once from the environment
 * (`channelSecretsFromEnv`) or given by a test. A provider whose secret is missing refuses every delivery.
 */
export interface ChannelSecrets {
  /** The address providers call, e.g. https://care.example.com: Twilio signs the full URL. */
  publicUrl?: string;
  twilioAuthToken?: string;
  metaAppSecret?: string;
  metaVerifyToken?: string;
  xConsumerSecret?: string;
  postmarkUser?: string;
  postmarkPassword?: string;
  sendgridUser?: string;
  sendgridPassword?: string;
}

/** A webhook request as a provider sees it: the raw bytes are what it signed. */
export interface WebhookRequest {
  path: string;
  /** The query string exactly as received ("" or "?…"): Twilio signs it as it called it. */
  search: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** What a provider expects back. */
export interface WebhookReply {
  status: number;
  contentType?: string;
  body?: string;
}

/** A signature check's verdict: a missing one answers 401, a wrong one 403. */
export type Verdict = { ok: true } | { ok: false; missing: boolean; reason: string };

/** A GET the provider sends to prove the endpoint is ours (Meta's verification, X's CRC). */
export interface HandshakeRoute {
  method: 'GET';
  path: string;
  answer(request: WebhookRequest, secrets: ChannelSecrets): WebhookReply;
}

/** A POST carrying events: checked, parsed into Caredesk's events, acknowledged. */
export interface DeliveryRoute {
  method: 'POST';
  path: string;
  /** Largest body accepted (413 beyond it). */
  bodyLimit: number;
  verify(request: WebhookRequest, secrets: ChannelSecrets): Verdict;
  /** Throws `MalformedPayload` (400) for a body it cannot read. */
  parse(body: ParsedBody, request: WebhookRequest): WebhookOutcome;
  /** The acknowledgement once every event is stored. */
  ack: WebhookReply;
}

export type WebhookRoute = HandshakeRoute | DeliveryRoute;

/** One provider: its routes and the secrets it cannot work without. */
export interface ChannelProvider {
  name: string;
  /** Why the provider cannot check deliveries with these secrets (names the variable), or null. */
  unconfigured(secrets: ChannelSecrets): string | null;
  routes: WebhookRoute[];
}

/** A body the provider could not have sent: answered 400, logged, nothing stored. */
export class MalformedPayload extends CaredeskError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

/** Missing variables among `names`, as a reason, or null when all are set. */
export function missingSecrets(secrets: ChannelSecrets, names: Record<string, keyof ChannelSecrets>): string | null {
  const missing = Object.entries(names)
    .filter(([, key]) => !secrets[key])
    .map(([variable]) => variable);
  return missing.length === 0 ? null : `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`;
}
