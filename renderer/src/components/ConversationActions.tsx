import { Button, Group, Kbd, Loader, Menu, Text, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconBellOff,
  IconCheck,
  IconChevronDown,
  IconClock,
  IconUser,
  IconUserMinus,
  IconUserPlus,
} from '@tabler/icons-react';
import type { ConversationStatus } from '../../../shared/domain';
import { SNOOZE_PRESETS, snoozeUntil } from '../lib/snooze';
import type { SnoozePreset } from '../lib/snooze';
import type { Teammate } from '../lib/team';
import { formatUpcoming } from '../lib/time';

/** The keys of the header's commands, as the keymap has them now. */
export type ActionKeys = Record<'assignMe' | 'assign' | 'resolve' | 'snooze', { aria?: string; label: string | null }>;

export type TeamState = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready' };

type Props = {
  status: ConversationStatus;
  assignee: { id: string; name: string | null } | null;
  meId: string;
  /** False for a rep on a conversation someone else holds: only a lead can move it. */
  canReassign: boolean;
  teammates: Teammate[];
  team: TeamState;
  now: number;
  assignMenuOpen: boolean;
  snoozeMenuOpen: boolean;
  onAssignMenu: (open: boolean) => void;
  onSnoozeMenu: (open: boolean) => void;
  onAssign: (teammate: { id: string; name: string } | null) => void;
  onStatus: (status: 'open' | 'closed') => void;
  onSnooze: (preset: SnoozePreset['id']) => void;
  keys: ActionKeys;
};

const STATUS_DOT: Record<string, string> = {
  online: 'var(--mantine-color-teal-6)',
  away: 'var(--mantine-color-yellow-6)',
  offline: 'var(--mantine-color-gray-5)',
};

function Dot({ status }: { status: Teammate['status'] }) {
  return (
    <span
      aria-hidden
      style={{
        width: 7,
        height: 7,
        borderRadius: '50%',
        flexShrink: 0,
        background: status ? STATUS_DOT[status] : 'transparent',
        border: status ? undefined : '1px solid var(--mantine-color-gray-5)',
      }}
    />
  );
}

/** Assign, resolve / reopen and snooze, each with its shortcut (lib/keymap/commands.ts). */
export function ConversationActions(props: Props) {
  const { status, assignee, meId, teammates, team, now } = props;
  const mine = assignee?.id === meId;
  const resolved = status === 'closed';
  const others = teammates.filter((t) => !t.isMe);
  const me = teammates.find((t) => t.isMe);

  return (
    <Group gap={6} wrap="nowrap" data-testid="conversation-actions">
      <Menu
        opened={props.assignMenuOpen}
        onChange={props.onAssignMenu}
        position="bottom-end"
        shadow="md"
        width={240}
        withinPortal
      >
        <Menu.Target>
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconUser size={14} aria-hidden />}
            rightSection={<IconChevronDown size={12} aria-hidden />}
            aria-label={`Assignee: ${assignee?.name ?? 'unassigned'}. Change`}
            aria-keyshortcuts={props.keys.assign.aria}
            data-testid="assign-button"
            maw={200}
            styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          >
            {mine ? 'You' : (assignee?.name ?? 'Unassigned')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="assign-menu">
          {!props.canReassign && (
            <Text size="xs" c="dimmed" px="sm" py={4} maw={220} data-testid="assign-locked">
              {assignee?.name ?? 'A teammate'} has this conversation; only a lead can move it.
            </Text>
          )}
          {!mine && me && props.canReassign && (
            <Menu.Item
              leftSection={<IconUserPlus size={14} />}
              rightSection={props.keys.assignMe.label && <Kbd size="xs">{props.keys.assignMe.label}</Kbd>}
              onClick={() => props.onAssign(me)}
              data-testid="assign-me"
            >
              Assign to me
            </Menu.Item>
          )}
          {assignee && props.canReassign && (
            <Menu.Item
              leftSection={<IconUserMinus size={14} />}
              onClick={() => props.onAssign(null)}
              data-testid="unassign"
            >
              Unassign
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Label>Teammates</Menu.Label>
          {team.state === 'loading' && others.length === 0 && (
            <Menu.Item disabled leftSection={<Loader size={12} />}>
              Loading your team…
            </Menu.Item>
          )}
          {team.state === 'error' && (
            <Text size="xs" c="red" px="sm" py={4} role="alert">
              Could not load your team: {team.message}
            </Text>
          )}
          {team.state === 'ready' && others.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              No teammates to show yet.
            </Text>
          )}
          {others.map((teammate) => (
            <Menu.Item
              key={teammate.id}
              leftSection={<Dot status={teammate.status} />}
              rightSection={teammate.id === assignee?.id ? <IconCheck size={14} aria-label="current" /> : null}
              onClick={() => props.onAssign(teammate)}
              disabled={!props.canReassign}
              data-testid="assign-option"
              data-user-id={teammate.id}
            >
              {teammate.name}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>

      <Tooltip
        label={`${resolved ? 'Reopen' : 'Resolve'}${props.keys.resolve.label ? ` (${props.keys.resolve.label})` : ''}`}
      >
        <Button
          variant={resolved ? 'default' : 'light'}
          color={resolved ? undefined : 'teal'}
          size="compact-sm"
          leftSection={resolved ? <IconArrowBackUp size={14} aria-hidden /> : <IconCheck size={14} aria-hidden />}
          aria-keyshortcuts={props.keys.resolve.aria}
          onClick={() => props.onStatus(resolved ? 'open' : 'closed')}
          data-testid="resolve-button"
          data-resolved={resolved || undefined}
        >
          {resolved ? 'Reopen' : 'Resolve'}
        </Button>
      </Tooltip>

      <Menu opened={props.snoozeMenuOpen} onChange={props.onSnoozeMenu} position="bottom-end" shadow="md" width={250}>
        <Menu.Target>
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconClock size={14} aria-hidden />}
            rightSection={<IconChevronDown size={12} aria-hidden />}
            aria-keyshortcuts={props.keys.snooze.aria}
            data-testid="snooze-button"
          >
            Snooze
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="snooze-menu">
          <Menu.Label>Snooze until</Menu.Label>
          {SNOOZE_PRESETS.map((preset) => (
            <Menu.Item
              key={preset.id}
              onClick={() => props.onSnooze(preset.id)}
              rightSection={
                <Text size="xs" c="dimmed">
                  {formatUpcoming(snoozeUntil(preset.id, now), now)}
                </Text>
              }
              data-testid="snooze-option"
              data-preset={preset.id}
            >
              {preset.label}
            </Menu.Item>
          ))}
          {status === 'snoozed' && (
            <>
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconBellOff size={14} />}
                onClick={() => props.onStatus('open')}
                data-testid="unsnooze"
              >
                Unsnooze (reopen now)
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
