import { Alert } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';

type Props = { pending: number; detail: string | null };

/** Across the workspace while the server is out of reach: nothing is lost, it says how much waits. */
export function OfflineBanner({ pending, detail }: Props) {
  return (
    <Alert
      color="gray"
      variant="light"
      radius={0}
      py={6}
      icon={<IconCloudOff size={16} />}
      role="status"
      data-testid="offline-banner"
      data-pending={pending}
      styles={{ message: { fontSize: 'var(--mantine-font-size-sm)' } }}
      style={{ borderBottom: '1px solid var(--cd-border)' }}
    >
      You&apos;re offline — changes are saved and will be sent when the connection returns.{' '}
      <strong data-testid="offline-pending">{pending} waiting.</strong>
      {detail && <span style={{ color: 'var(--mantine-color-dimmed)' }}> {detail}</span>}
    </Alert>
  );
}
