import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { AdminTeam } from '../../../../shared/sync/admin';
import { useCreateTeam, useRenameTeam } from '../../api/admin';
import { errorMessage } from '../../transport';
import { FILLED } from './format';

/** Names a new team, or renames one (names are unique, ignoring case). */
export function TeamNameModal({ team, onClose }: { team: AdminTeam | null; onClose: () => void }) {
  const create = useCreateTeam();
  const rename = useRenameTeam();
  const [name, setName] = useState(team?.name ?? '');
  const busy = create.isPending || rename.isPending;
  const error = create.error ?? rename.error;
  const unchanged = name.trim() === '' || name.trim() === team?.name;

  const save = () => {
    if (unchanged || busy) return;
    const done = (saved: { team: AdminTeam }) => {
      notifications.show({
        message: team ? `Renamed to ${saved.team.name}.` : `${saved.team.name} is created.`,
        color: 'teal',
      });
      onClose();
    };
    if (team) rename.mutate({ teamId: team.id, name: name.trim() }, { onSuccess: done });
    else create.mutate({ name: name.trim() }, { onSuccess: done });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={team ? `Rename ${team.name}` : 'New team'}
      size="sm"
      data-testid="admin-team-form"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Team name"
            required
            data-autofocus
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          {error && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="admin-team-error">
              {errorMessage(error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={FILLED} loading={busy} disabled={unchanged} data-testid="admin-team-save">
              {team ? 'Rename' : 'Create team'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
