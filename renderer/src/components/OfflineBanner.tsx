import { IconCloudOff } from '@tabler/icons-react';
import { WorkspaceBanner } from './WorkspaceBanner';

type Props = { pending: number; detail: string | null };

/** Across the workspace while the server is out of reach: nothing is lost, it says how much waits. */
export function OfflineBanner({ pending, detail }: Props) {
  return (
    <WorkspaceBanner
      color="gray"
      icon={<IconCloudOff size={16} />}
      testId="offline-banner"
      data={{ 'data-pending': pending }}
    >
      You&apos;re offline — changes are saved and will be sent when the connection returns.{' '}
      <strong data-testid="offline-pending">{pending} waiting.</strong>
      {detail && <span style={{ color: 'var(--mantine-color-dimmed)' }}> {detail}</span>}
    </WorkspaceBanner>
  );
}
