import { Button, Group, Text } from '@mantine/core';
import { IconArrowsSplit, IconPhone } from '@tabler/icons-react';
import { kindOfChannel } from '../../../shared/domain';
import type { Identity } from '../../../shared/domain';
import { formatDate, formatFull } from '../lib/time';
import { ChannelIcon } from './ChannelIcon';
import classes from './Customer.module.css';

type Props = {
  identities: readonly Identity[];
  /** Names of the users an identity may have been linked by. */
  people: Readonly<Record<string, { name: string }>>;
  /** Offers "Split off" on each identity (when the customer has more than one). */
  onSplit?: (identity: Identity) => void;
};

/** Who or what linked an identity, in a rep's words. */
function linkedByText(linkedBy: string, people: Props['people']): string {
  switch (linkedBy) {
    case 'inbound':
      return 'From their message';
    case 'import':
      return 'Imported';
    case 'system':
      return 'Linked by Caredesk';
    default:
      return `Linked by ${people[linkedBy]?.name ?? 'a teammate'}`;
  }
}

/** Each way of reaching the customer, with how it came to be theirs (the evidence on hover). */
export function IdentityList({ identities, people, onSplit }: Props) {
  const splittable = onSplit !== undefined && identities.length > 1;
  return identities.map((identity) => {
    const kind = identity.kind ?? kindOfChannel(identity.channel);
    const how =
      identity.linkedBy === undefined
        ? null
        : [linkedByText(identity.linkedBy, people), identity.linkedAt && formatDate(identity.linkedAt)]
            .filter(Boolean)
            .join(' · ');
    return (
      <div key={identity.id} className={classes.identityRow} data-testid="identity">
        <Group gap={6} wrap="nowrap" justify="space-between">
          <div className={classes.identity}>
            {kind === 'phone' ? (
              <IconPhone
                size={14}
                stroke={1.7}
                color="var(--mantine-color-teal-6)"
                aria-label="Phone (SMS and WhatsApp)"
                role="img"
                style={{ flexShrink: 0 }}
              />
            ) : (
              <ChannelIcon channel={kind === 'email' ? 'email' : identity.channel} size={14} />
            )}
            <span title={identity.display}>{identity.display}</span>
          </div>
          {splittable && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconArrowsSplit size={12} />}
              onClick={() => onSplit(identity)}
              aria-label={`Split off ${identity.display}`}
              data-testid="identity-split"
            >
              Split off
            </Button>
          )}
        </Group>
        {how && (
          <Text
            size="xs"
            c="dimmed"
            className={classes.linked}
            title={[identity.evidence, identity.linkedAt && formatFull(identity.linkedAt)].filter(Boolean).join('\n')}
          >
            {how}
          </Text>
        )}
      </div>
    );
  });
}
