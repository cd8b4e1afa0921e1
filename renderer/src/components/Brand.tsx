import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';

export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 34 : 24} radius="md" variant="filled" aria-hidden>
        <IconHeadset size={large ? 20 : 15} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} size={large ? 'xl' : 'md'} style={{ letterSpacing: '-0.01em' }}>
        Caredesk
      </Text>
    </Group>
  );
}
