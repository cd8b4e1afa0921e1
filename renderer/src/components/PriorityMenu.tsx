import { Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconFlag, IconFlagFilled } from '@tabler/icons-react';
import type { SlaPriority } from '../../../shared/domain/sla';

/** What the menu offers, in order: automatic (triage decides) and the three a person may set. */
export const PRIORITY_CHOICES: readonly { value: SlaPriority | null; label: string }[] = [
  { value: null, label: 'Automatic' },
  { value: 'urgent', label: 'Urgent' },
  { value: 'high', label: 'High' },
  { value: 'normal', label: 'Normal' },
];

export const PRIORITY_LABELS: Record<SlaPriority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal' };

const COLORS: Record<SlaPriority, string> = { urgent: 'red', high: 'orange', normal: 'gray' };

type Props = {
  /** The priority a person set; null: automatic. */
  priority: SlaPriority | null;
  /** The priority in effect when automatic (triage's), shown beside "Auto". */
  automatic: SlaPriority;
  /** False when the rep may not change it (someone else holds the conversation). */
  canChange: boolean;
  opened: boolean;
  onMenu: (open: boolean) => void;
  onChange: (priority: SlaPriority | null) => void;
  /** The command's keys, for aria-keyshortcuts and the menu's hint. */
  keys: { aria: string | undefined; label: string | null };
};

/** The conversation's priority in the header: a person's choice, or triage's; a menu changes it. */
export function PriorityMenu({ priority, automatic, canChange, opened, onMenu, onChange, keys }: Props) {
  const label = priority ? PRIORITY_LABELS[priority] : `Auto: ${PRIORITY_LABELS[automatic].toLowerCase()}`;
  return (
    <Menu opened={opened} onChange={onMenu} position="bottom-start" shadow="md" width={220} withinPortal>
      <Menu.Target>
        <Button
          variant={priority ? 'light' : 'subtle'}
          // Triage's guess stays quiet (gray); a person's choice takes its colour.
          color={priority ? COLORS[priority] : 'gray'}
          size="compact-xs"
          leftSection={priority ? <IconFlagFilled size={12} aria-hidden /> : <IconFlag size={12} aria-hidden />}
          rightSection={<IconChevronDown size={10} aria-hidden />}
          aria-label={`Priority: ${priority ? PRIORITY_LABELS[priority].toLowerCase() : `automatic (${automatic})`}. Change`}
          aria-keyshortcuts={keys.aria}
          data-testid="priority-button"
          data-priority={priority ?? 'automatic'}
          style={{ flexShrink: 0 }}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="priority-menu">
        <Menu.Label>Priority{keys.label ? ` (${keys.label})` : ''}</Menu.Label>
        {!canChange && (
          <Text size="xs" c="dimmed" px="sm" py={4} data-testid="priority-locked">
            Only whoever has this conversation, or a lead, can change its priority.
          </Text>
        )}
        {PRIORITY_CHOICES.map((choice) => (
          <Menu.Item
            key={choice.value ?? 'automatic'}
            disabled={!canChange}
            onClick={() => onChange(choice.value)}
            leftSection={
              choice.value === priority ? <IconCheck size={14} aria-hidden /> : <span style={{ width: 14 }} />
            }
            rightSection={
              choice.value === null ? (
                <Text size="xs" c="dimmed">
                  {PRIORITY_LABELS[automatic].toLowerCase()} now
                </Text>
              ) : null
            }
            data-testid="priority-option"
            data-priority={choice.value ?? 'automatic'}
          >
            {choice.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
