import { Group, Text } from '@mantine/core';
import type { Customer, Identity } from '../../../shared/domain';
import { formatDate } from '../lib/time';
import { IdentityList } from './IdentityList';
import classes from './Customer.module.css';
import { SectionHeading } from './SectionHeading';

type Props = {
  customer: Customer;
  lifetimeValue: string;
  orderCount: number;
  /** Names of the users identities may have been linked by. */
  people?: Readonly<Record<string, { name: string }>>;
  /** Offers "Split off" on each identity. */
  onSplit?: (identity: Identity) => void;
};

export function CustomerSummary({ customer, lifetimeValue, orderCount, people = {}, onSplit }: Props) {
  return (
    <>
      <div className={classes.section}>
        <Text fw={600} size="lg" component="h2" m={0} truncate="end">
          {customer.name}
        </Text>
        {customer.email && (
          <Text size="sm" c="dimmed" truncate="end">
            {customer.email}
          </Text>
        )}
        <Group gap="lg" mt={10} align="flex-end">
          <div>
            <Text size="xs" c="dimmed">
              Lifetime value
            </Text>
            <Text fw={600} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="lifetime-value">
              {lifetimeValue}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Orders
            </Text>
            <Text fw={600} size="lg">
              {orderCount}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Customer since
            </Text>
            <Text size="sm">{formatDate(customer.createdAt)}</Text>
          </div>
        </Group>
      </div>
      {customer.identities.length > 0 && (
        <div className={classes.section}>
          <SectionHeading>Identities</SectionHeading>
          <IdentityList identities={customer.identities} people={people} onSplit={onSplit} />
        </div>
      )}
    </>
  );
}
