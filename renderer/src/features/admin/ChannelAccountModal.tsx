import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { ACCOUNT_HINTS, accountProblem } from '../../../../shared/domain/channel-accounts';
import { Channel, CHANNEL_LABELS, CHANNELS } from '../../../../shared/domain/channels';
import type { AdminTeam } from '../../../../shared/sync/admin';
import type { AdminChannelAccount } from '../../../../shared/sync/channel-accounts';
import { useCreateChannelAccount, useUpdateChannelAccount } from '../../api/admin';
import { ChannelTag } from '../../components/ChannelIcon';
import { errorMessage } from '../../transport';
import { FILLED } from './format';

const CHANNEL_OPTIONS = CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }));

type Props = { account: AdminChannelAccount | null; teams: AdminTeam[]; onClose: () => void };

/** Adds a channel account, or changes one's display name and team (its channel and account never change). */
export function ChannelAccountModal({ account, teams, onClose }: Props) {
  const create = useCreateChannelAccount();
  const update = useUpdateChannelAccount();
  const [channel, setChannel] = useState<Channel>(account?.channel ?? 'sms');
  const [address, setAddress] = useState(account?.account ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [teamId, setTeamId] = useState<string | null>(account?.teamId ?? teams[0]?.id ?? null);
  const [touched, setTouched] = useState(false);
  const busy = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const problem = account ? null : accountProblem(channel, address);
  const unchanged = account !== null && displayName.trim() === account.displayName && teamId === account.teamId;
  const ready = problem === null && displayName.trim() !== '' && teamId !== null && !unchanged;

  const save = () => {
    if (!ready || busy || teamId === null) return;
    const done = ({ account: saved }: { account: AdminChannelAccount }) => {
      notifications.show({
        message: account
          ? `${saved.displayName} is saved.`
          : `${saved.displayName} is added: it routes to ${saved.teamName}.`,
        color: 'teal',
      });
      onClose();
    };
    if (account) {
      update.mutate({ accountId: account.id, patch: { displayName: displayName.trim(), teamId } }, { onSuccess: done });
    } else {
      create.mutate({ channel, account: address.trim(), displayName: displayName.trim(), teamId }, { onSuccess: done });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={account ? `Edit ${account.displayName}` : 'New channel account'}
      size="md"
      data-testid="admin-channel-form"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          save();
        }}
      >
        <Stack gap="sm">
          {account ? (
            <Text size="sm" data-testid="admin-channel-fixed">
              <ChannelTag channel={account.channel} /> {account.account}
            </Text>
          ) : (
            <>
              <Select
                label="Channel"
                required
                data-autofocus
                allowDeselect={false}
                data={CHANNEL_OPTIONS}
                value={channel}
                onChange={(value) => setChannel(Channel.safeParse(value).data ?? channel)}
              />
              <TextInput
                label="Account"
                required
                maxLength={320}
                description={`The provider's name for it: ${ACCOUNT_HINTS[channel]}.`}
                value={address}
                onChange={(event) => setAddress(event.currentTarget.value)}
                onBlur={() => setTouched(address.trim() !== '')}
                error={touched && problem}
              />
            </>
          )}
          <TextInput
            label="Display name"
            required
            maxLength={200}
            description="What admins and leads see, e.g. “US support line”."
            data-autofocus={account ? true : undefined}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
          />
          <Select
            label="Team"
            required
            description="New conversations on this account open in this team."
            allowDeselect={false}
            data={teams.map((team) => ({ value: team.id, label: team.name }))}
            value={teamId}
            onChange={setTeamId}
          />
          {error && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="admin-channel-error">
              {errorMessage(error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={FILLED} loading={busy} disabled={!ready} data-testid="admin-channel-save">
              {account ? 'Save' : 'Add account'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
