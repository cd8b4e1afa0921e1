import { Alert, Group, Text } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { sourceLabel } from '../../../../shared/domain';
import type { ConnectedRecord } from '../../../../shared/sync/lookups';
import { useCustomerRecord } from '../../api/customers';
import { formatFull, formatMessageTime } from '../../lib/time';

type Props = { customerId: string; now: number };

/**
 * What the connected stores (Shopify) say of the customer, from the server: whose customer they
 * are and how fresh the orders below are, or why the store could not be asked — so a rep never
 * takes stale orders for current ones. Nothing when no store is connected or the lookup fails
 * (the merge history above says why).
 */
export function ConnectedRecords({ customerId, now }: Props) {
  const record = useCustomerRecord(customerId);
  const connected = record.data?.record.connected ?? [];
  if (connected.length === 0) return null;
  return (
    <div data-testid="connected-records">
      {connected.map((link) => (
        <ConnectedLine key={link.source} link={link} now={now} />
      ))}
    </div>
  );
}

function ConnectedLine({ link, now }: { link: ConnectedRecord; now: number }) {
  const store = sourceLabel(link.source);
  const when = (at: number) => <span title={formatFull(at)}>{formatMessageTime(at, now)}</span>;
  if (link.error !== null) {
    return (
      <Alert
        color="orange"
        variant="light"
        p="xs"
        role="status"
        data-testid="connected-record"
        data-state="failed"
        icon={<IconBuildingStore size={16} aria-hidden />}
      >
        <Text size="sm">
          {store} could not be asked ({when(link.checkedAt)}): {link.error}
        </Text>
        <Text size="xs" c="dimmed">
          {link.fetchedAt === null ? (
            <>No orders from {store} yet.</>
          ) : (
            <>Its orders below are as of {when(link.fetchedAt)}. Caredesk asks again in a minute.</>
          )}
        </Text>
      </Alert>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid="connected-record" data-state={link.externalId ? 'linked' : 'none'}>
      <IconBuildingStore size={14} aria-hidden />
      <Text size="xs" c="dimmed">
        {link.externalId ? (
          <>
            {store} customer, matched by {link.matchedBy}; orders as of {when(link.fetchedAt ?? link.checkedAt)}
          </>
        ) : (
          <>
            No {store} customer has these emails or phones (asked {when(link.checkedAt)}).
          </>
        )}
      </Text>
    </Group>
  );
}
