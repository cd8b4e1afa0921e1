// The admin screen's "Test" of a channel account: one read-only request to the provider's
// documented API at its configured base URL (OutboundConfig), with the credentials the server
// sends replies with, answered in plain words. Each provider's request and reading of the answer
// is in its folder (`<provider>/probe.ts`); this file picks one and says what happened.
import type { Channel } from '../../shared/domain/channels';
import { CHANNEL_LABELS } from '../../shared/domain/channels';
import type { ChannelAccountTestResult } from '../../shared/sync/channel-accounts';
import { metaProbe } from './meta/probe';
import type { OutboundConfig } from './outbound';
import { parseJson } from './outbound';
import { postmarkProbe } from './postmark/probe';
import { sendgridProbe } from './sendgrid/probe';
import { twilioProbe } from './twilio/probe';
import { xProbe } from './x/probe';

/** One provider's check that it answers for an account. */
export interface AccountProbe {
  /** The provider as people know it ("Twilio"). */
  provider: string;
  carries(channel: Channel, account: string): boolean;
  /** The variables its request needs (variable → setting). */
  settings: Record<string, keyof OutboundConfig>;
  /** What a refusal refused, in words ("account SID or auth token"). */
  credentials: string;
  request(channel: Channel, account: string, config: OutboundConfig): { url: string; headers: Record<string, string> };
  /** A 2xx answer in words; not ok when it answered but the account cannot be used. */
  answered(body: unknown, channel: Channel, account: string): { ok: boolean; words: string };
  /** The provider's own words in an error answer. */
  errorWords(body: unknown): string | null;
  /** Whether an error answer refuses the credentials (401 and 403 always do). */
  refusesCredentials?(status: number, body: unknown): boolean;
}

/** In the order of `SENDERS`: the first configured one that carries an account is the one that sends. */
export const PROBES: readonly AccountProbe[] = [twilioProbe, metaProbe, xProbe, postmarkProbe, sendgridProbe];

/** How long a test waits for the provider unless the server is told otherwise. */
export const PROBE_TIMEOUT_MS = 5_000;

/** Asks the provider that carries `account` on `channel` whether it answers; never throws. */
export async function probeAccount(
  config: OutboundConfig,
  channel: Channel,
  account: string,
  timeoutMs: number = PROBE_TIMEOUT_MS,
  probes: readonly AccountProbe[] = PROBES,
): Promise<ChannelAccountTestResult> {
  if (channel === 'webchat') {
    return { ok: true, status: null, message: 'Web chat is served by Caredesk itself: there is no provider to ask.' };
  }
  // Email has two providers: the configured one is asked; with neither, the first names what to set.
  const carriers = probes.filter((candidate) => candidate.carries(channel, account));
  const probe = carriers.find((candidate) => unsetVariables(config, candidate).length === 0) ?? carriers[0];
  if (!probe) {
    return { ok: false, status: null, message: `Caredesk cannot test ${CHANNEL_LABELS[channel]} account ${account}.` };
  }
  const missing = unsetVariables(config, probe);
  if (missing.length > 0) {
    return {
      ok: false,
      status: null,
      message: `No credentials configured for ${probe.provider}: set ${missing.join(' and ')} on the server.`,
    };
  }
  const { url, headers } = probe.request(channel, account, config);
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { ok: false, status: null, message: `Could not reach ${hostOf(url)}: ${whyUnreachable(error, timeoutMs)}.` };
  }
  const body = parseJson(await response.text().catch(() => ''));
  const status = response.status;
  if (status >= 200 && status < 300) {
    const { ok, words } = probe.answered(body, channel, account);
    return { ok, status, message: `${probe.provider} answered: ${words}` };
  }
  const words = probe.errorWords(body);
  const said = words ? `: ${words}` : '.';
  if (status === 401 || status === 403 || probe.refusesCredentials?.(status, body)) {
    return { ok: false, status, message: `${probe.provider} refused the ${probe.credentials} (${status})${said}` };
  }
  if (status === 404) {
    return { ok: false, status, message: `${probe.provider} does not know ${account} (404)${said}` };
  }
  return { ok: false, status, message: `${probe.provider} answered HTTP ${status}${said}` };
}

/** The variables `probe` needs that are not set. */
function unsetVariables(config: OutboundConfig, probe: AccountProbe): string[] {
  return Object.entries(probe.settings)
    .filter(([, key]) => !config[key])
    .map(([variable]) => variable);
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** Seconds as people write them: 5000 → "5 s", 250 → "0.25 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'its name could not be looked up',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
};

function whyUnreachable(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${seconds(timeoutMs)}`;
  }
  const cause = error instanceof Error ? (error as { cause?: { code?: string; message?: string } }).cause : undefined;
  const code = cause?.code;
  if (code) return NETWORK_WORDS[code] ?? code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
