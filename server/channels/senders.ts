import type { Channel } from '../../shared/domain/channels';
import { metaSender } from './meta/send';
import type { ChannelSender, OutboundConfig } from './outbound';
import { postmarkSender } from './postmark/send';
import { sendgridSender } from './sendgrid/send';
import { twilioSender } from './twilio/send';
import { xSender } from './x/send';

/**
 * Every provider that sends replies; the first configured one that carries a channel and account
 * sends it (email: Postmark, else SendGrid).
 */
export const SENDERS: readonly ChannelSender[] = [twilioSender, metaSender, xSender, postmarkSender, sendgridSender];

/**
 * The configured provider that sends a reply on `channel` from `account` (null when none is): a
 * channel with no provider configured keeps replies as stored (marked sent), as a demo needs.
 */
export function senderFor(
  config: OutboundConfig,
  channel: Channel,
  account: string | null,
  senders: readonly ChannelSender[] = SENDERS,
): ChannelSender | null {
  return senders.find((sender) => sender.carries(channel, account) && sender.unconfigured(config) === null) ?? null;
}

/** Whether any configured provider sends replies on `channel`, whatever the account. */
export function sendsOn(
  config: OutboundConfig,
  channel: Channel,
  senders: readonly ChannelSender[] = SENDERS,
): boolean {
  const probes: (string | null)[] = channel === 'whatsapp' ? ['+1', '1'] : [null];
  return probes.some((account) => senderFor(config, channel, account, senders) !== null);
}
