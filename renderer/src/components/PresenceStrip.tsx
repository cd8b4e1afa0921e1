import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { initials, typingSentence } from '../lib/team';

type Props = { viewers: string[]; typing: string[] };

const SHOWN = 3;

function viewersLabel(viewers: string[]): string {
  if (viewers.length === 1) return `${viewers[0]} is also viewing`;
  return `${viewers.slice(0, -1).join(', ')} and ${viewers.at(-1)} are also viewing`;
}

/** Who else has this conversation open, and who is writing a reply in it right now. */
export function PresenceStrip({ viewers, typing }: Props) {
  const sentence = typingSentence(typing);
  return (
    <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
      {viewers.length > 0 && (
        <Tooltip label={viewersLabel(viewers)}>
          <Group
            gap={4}
            wrap="nowrap"
            data-testid="viewers"
            aria-label={viewersLabel(viewers)}
            role="img"
            style={{ flexShrink: 0 }}
          >
            <IconEye size={13} aria-hidden color="var(--mantine-color-dimmed)" />
            <Avatar.Group spacing={6}>
              {viewers.slice(0, SHOWN).map((name) => (
                <Avatar key={name} size={18} radius="xl" color="grape" variant="light" fz={9}>
                  {initials(name)}
                </Avatar>
              ))}
              {viewers.length > SHOWN && (
                <Avatar size={18} radius="xl" fz={9}>
                  +{viewers.length - SHOWN}
                </Avatar>
              )}
            </Avatar.Group>
            <Text span size="xs" c="dimmed" truncate="end" maw={160}>
              {viewers.length === 1 ? viewers[0] : `${viewers[0]} +${viewers.length - 1}`}
            </Text>
          </Group>
        </Tooltip>
      )}
      <Text
        span
        size="xs"
        c="grape"
        fs="italic"
        role="status"
        aria-live="polite"
        data-testid={sentence ? 'typing-indicator' : undefined}
        truncate="end"
      >
        {sentence}
      </Text>
    </Group>
  );
}
