import { Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconLink, IconMail, IconPhone, IconReceipt, IconTruckDelivery, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { openLinkSuggestions } from '../../../../shared/domain';
import type { Conversation, LinkEvidenceKind, LinkSuggestion } from '../../../../shared/domain';
import { KeyCaps } from '../../components/KeyCaps';
import { SectionHeading } from '../../components/SectionHeading';
import { useActOnConversation } from '../conversation/useActOnConversation';
import { useCommand } from '../keymap/registry';
import { useAriaKeys, useCommandKeys } from '../keymap/useCommandKeys';
import classes from './CustomerPanel.module.css';

const EVIDENCE: Record<LinkEvidenceKind, { icon: ReactNode; label: string }> = {
  order: { icon: <IconReceipt size={14} stroke={1.6} />, label: 'Order' },
  tracking: { icon: <IconTruckDelivery size={14} stroke={1.6} />, label: 'Tracking number' },
  email: { icon: <IconMail size={14} stroke={1.6} />, label: 'Email' },
  phone: { icon: <IconPhone size={14} stroke={1.6} />, label: 'Phone' },
};

/** How sure, in words a rep reads at a glance. */
function strength(confidence: number): { label: string; color: string } {
  if (confidence >= 0.9) return { label: 'Strong', color: 'teal' };
  if (confidence >= 0.75) return { label: 'Likely', color: 'blue' };
  return { label: 'Possible', color: 'gray' };
}

/**
 * Customers this conversation's messages point at, with the evidence: L links the first (the
 * conversation joins that customer and shows their purchase history), Shift+L says it is not them
 * (remembered, so it is not suggested again). Nothing shows when there is nothing to suggest.
 */
export function LinkSuggestions({ conversation }: { conversation: Conversation }) {
  const act = useActOnConversation();
  const open = openLinkSuggestions(conversation);
  const first = open[0];
  const on = { conversationId: conversation.id };
  const link = (suggestion: LinkSuggestion) => act({ type: 'link', ...on, customerId: suggestion.customerId });
  const reject = (suggestion: LinkSuggestion) => act({ type: 'rejectLink', ...on, customerId: suggestion.customerId });
  useCommand('customer.confirmLink', () => first && link(first), first !== undefined);
  useCommand('customer.rejectLink', () => first && reject(first), first !== undefined);
  const linkKeys = useCommandKeys('customer.confirmLink');
  const rejectKeys = useCommandKeys('customer.rejectLink');
  const linkAria = useAriaKeys('customer.confirmLink');
  const rejectAria = useAriaKeys('customer.rejectLink');
  if (!first) return null;

  return (
    <section className={classes.suggestions} aria-label="Suggested customers" data-testid="link-suggestions">
      <SectionHeading>Is this someone you know?</SectionHeading>
      <Stack gap="xs">
        {open.slice(0, 3).map((suggestion, index) => {
          const { label, color } = strength(suggestion.confidence);
          const isFirst = index === 0;
          return (
            <Paper key={suggestion.customerId} withBorder p="xs" radius="sm" data-testid="link-suggestion">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={600} size="sm" truncate="end">
                  {suggestion.customerName}
                </Text>
                <Tooltip label={`Confidence ${Math.round(suggestion.confidence * 100)}% from the evidence below`}>
                  <Badge size="sm" variant="light" color={color}>
                    {label} · {Math.round(suggestion.confidence * 100)}%
                  </Badge>
                </Tooltip>
              </Group>
              <Stack gap={2} mt={6} component="ul" className={classes.evidence} aria-label="Evidence">
                {suggestion.evidence.map((item) => (
                  <Group component="li" key={`${item.kind}:${item.value}`} gap={6} wrap="nowrap">
                    <span className={classes.evidenceIcon} aria-hidden>
                      {EVIDENCE[item.kind].icon}
                    </span>
                    <Text size="xs" c="dimmed">
                      {EVIDENCE[item.kind].label}
                    </Text>
                    <Text size="xs" ff="monospace" truncate="end">
                      {item.value}
                    </Text>
                  </Group>
                ))}
              </Stack>
              <Text size="xs" c="dimmed" mt={4}>
                Named in their message; found in this customer’s records.
              </Text>
              <Group gap="xs" mt="xs">
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconLink size={14} />}
                  onClick={() => link(suggestion)}
                  aria-keyshortcuts={isFirst ? linkAria : undefined}
                  rightSection={isFirst && linkKeys.length > 0 ? <KeyCaps keys={linkKeys} /> : undefined}
                >
                  Link
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconX size={14} />}
                  onClick={() => reject(suggestion)}
                  aria-keyshortcuts={isFirst ? rejectAria : undefined}
                  rightSection={isFirst && rejectKeys.length > 0 ? <KeyCaps keys={rejectKeys} /> : undefined}
                >
                  Not them
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </section>
  );
}
