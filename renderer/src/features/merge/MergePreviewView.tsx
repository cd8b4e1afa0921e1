import { Group, Text } from '@mantine/core';
import { formatMoney } from '../../../../shared/domain';
import { useMergePreview } from '../../api/customers';
import { FailedLine, LoadingLine } from './StateLines';
import classes from './Merge.module.css';

type Props = { sourceCustomerId: string; targetCustomerId: string };

/** The customer a merge would leave, shown before the rep confirms it. */
export function MergePreviewView({ sourceCustomerId, targetCustomerId }: Props) {
  const preview = useMergePreview(sourceCustomerId, targetCustomerId);
  if (preview.isError) return <FailedLine title="No preview" error={preview.error} />;
  if (!preview.data) return <LoadingLine label="Loading what the merge leaves…" />;
  const { customer, orderCount, lifetimeValue, conversationCount } = preview.data;
  const value =
    lifetimeValue.length === 0
      ? 'None yet'
      : lifetimeValue.map((amount) => formatMoney(amount.cents, amount.currency)).join(' · ');
  return (
    <section className={classes.preview} aria-label="After the merge" data-testid="merge-preview">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        After the merge
      </Text>
      <Text fw={600} data-testid="merge-preview-name">
        {customer.name}
      </Text>
      <Group gap="lg" mt={4}>
        <Fact label="Identities" value={String(customer.identities.length)} />
        <Fact label="Orders" value={String(orderCount)} testId="merge-preview-orders" />
        <Fact label="Lifetime value" value={value} />
        <Fact label="Conversations" value={String(conversationCount)} />
      </Group>
      <Text size="xs" c="dimmed" mt={6} lineClamp={2}>
        {customer.identities.map((identity) => identity.display).join(' · ')}
      </Text>
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
