import { z } from 'zod';

/** Every channel a conversation can arrive on. */
export const CHANNELS = ['sms', 'whatsapp', 'x', 'messenger', 'instagram', 'email', 'webchat'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CHANNEL_LABELS: Record<Channel, string> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  x: 'X',
  messenger: 'Messenger',
  instagram: 'Instagram',
  email: 'Email',
  webchat: 'Web chat',
};
