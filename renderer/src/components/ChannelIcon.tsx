import {
  IconBrandInstagram,
  IconBrandMessenger,
  IconBrandWhatsapp,
  IconBrandX,
  IconMail,
  IconMessage,
  IconMessageChatbot,
} from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import { CHANNEL_LABELS } from '../../../shared/domain';
import type { Channel } from '../../../shared/domain';

const ICONS: Record<Channel, Icon> = {
  sms: IconMessage,
  whatsapp: IconBrandWhatsapp,
  x: IconBrandX,
  messenger: IconBrandMessenger,
  instagram: IconBrandInstagram,
  email: IconMail,
  webchat: IconMessageChatbot,
};

/** Muted brand tints, readable in both schemes. */
const COLORS: Record<Channel, string> = {
  sms: 'var(--mantine-color-teal-6)',
  whatsapp: 'var(--mantine-color-green-6)',
  x: 'var(--mantine-color-text)',
  messenger: 'var(--mantine-color-blue-6)',
  instagram: 'var(--mantine-color-pink-6)',
  email: 'var(--mantine-color-orange-6)',
  webchat: 'var(--mantine-color-violet-5)',
};

type Props = { channel: Channel; size?: number; colored?: boolean };

export function ChannelIcon({ channel, size = 16, colored = true }: Props) {
  const Glyph = ICONS[channel];
  return (
    <Glyph
      size={size}
      stroke={1.7}
      color={colored ? COLORS[channel] : 'currentColor'}
      aria-label={CHANNEL_LABELS[channel]}
      role="img"
      style={{ flexShrink: 0 }}
    />
  );
}

/** Icon and label, e.g. on each message and in the conversation header. */
export function ChannelTag({ channel, size = 13, colored = true }: Props) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}>
      <ChannelIcon channel={channel} size={size} colored={colored} />
      <span>{CHANNEL_LABELS[channel]}</span>
    </span>
  );
}
