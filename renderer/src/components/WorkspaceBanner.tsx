import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = {
  color: 'gray' | 'blue' | 'orange';
  icon: ReactNode;
  testId: string;
  /** Extra data-* attributes, for tests. */
  data?: Record<`data-${string}`, string | number | boolean>;
  children: ReactNode;
};

/** A quiet strip across the workspace, under the header, about the state of sync. */
export function WorkspaceBanner({ color, icon, testId, data, children }: Props) {
  return (
    <Alert
      color={color}
      variant="light"
      radius={0}
      py={6}
      icon={icon}
      role="status"
      data-testid={testId}
      {...data}
      styles={{ message: { fontSize: 'var(--mantine-font-size-sm)' } }}
      style={{ borderBottom: '1px solid var(--cd-border)' }}
    >
      {children}
    </Alert>
  );
}
