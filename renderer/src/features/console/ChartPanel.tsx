import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled chart of the console. */
export function ChartPanel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="sm" fw={600} mb={6}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}
