import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { Role } from '../../../../shared/domain/entities';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/sync/admin';
import type { AdminTeam, AdminUser } from '../../../../shared/sync/admin';
import { useCreateUser, useSetMember, useUpdateUser } from '../../api/admin';
import { errorMessage } from '../../transport';
import { FILLED, formatLimit, limitFromInput, ROLE_OPTIONS } from './format';

type Props = {
  /** null: a new user. */
  user: AdminUser | null;
  teams: readonly AdminTeam[];
  /** The admin editing themselves: their role stays (another admin may change it). */
  isSelf: boolean;
  onClose: () => void;
};

/** Creates a user (with an initial password) or changes one: name, role, teams and refund limit. */
export function UserFormModal({ user, teams, isSelf, onClose }: Props) {
  const create = useCreateUser();
  const update = useUpdateUser();
  const setMember = useSetMember();
  const [email, setEmail] = useState('');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'rep');
  const [password, setPassword] = useState('');
  const [teamIds, setTeamIds] = useState<string[]>(user && user.role !== 'admin' ? user.teamIds : []);
  const [limit, setLimit] = useState<string | number>(
    user?.refundLimitCents == null ? '' : Number(formatLimit(user.refundLimitCents)),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const passwordShort = user === null && password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  const ready =
    name.trim() !== '' && (user !== null || (email.trim() !== '' && password.length >= MIN_PASSWORD_LENGTH));

  const save = async () => {
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    const refundLimitCents = role === 'rep' ? limitFromInput(limit) : null;
    try {
      if (user === null) {
        const created = await create.mutateAsync({
          email: email.trim(),
          name: name.trim(),
          role,
          password,
          teamIds: role === 'admin' ? [] : teamIds,
          refundLimitCents,
        });
        notifications.show({
          message: `${created.user.name} can now sign in as ${created.user.email}.`,
          color: 'teal',
        });
      } else {
        const patch: { name?: string; role?: Role; refundLimitCents?: number | null } = {};
        if (name.trim() !== user.name) patch.name = name.trim();
        if (role !== user.role) patch.role = role;
        if (role === 'rep' && refundLimitCents !== user.refundLimitCents) patch.refundLimitCents = refundLimitCents;
        if (Object.keys(patch).length > 0) await update.mutateAsync({ userId: user.id, patch });
        if (role !== 'admin') {
          const before = user.role === 'admin' ? [] : user.teamIds;
          for (const teamId of teamIds.filter((id) => !before.includes(id))) {
            await setMember.mutateAsync({ teamId, userId: user.id, member: true });
          }
          for (const teamId of before.filter((id) => !teamIds.includes(id))) {
            await setMember.mutateAsync({ teamId, userId: user.id, member: false });
          }
        }
        notifications.show({ message: `${name.trim()} is saved.`, color: 'teal' });
      }
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={user === null ? 'New user' : `Edit ${user.name}`}
      size="md"
      data-testid="admin-user-form"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {user === null ? (
            <TextInput
              label="Email"
              required
              data-autofocus
              type="email"
              autoComplete="off"
              value={email}
              maxLength={320}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
          ) : (
            <TextInput label="Email" value={user.email} readOnly variant="filled" />
          )}
          <TextInput
            label="Name"
            required
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            allowDeselect={false}
            disabled={isSelf}
            description={isSelf ? 'Another admin can change your role.' : undefined}
            onChange={(value) => setRole(value ?? 'rep')}
            comboboxProps={{ withinPortal: true }}
          />
          {user === null && (
            <PasswordInput
              label="Initial password"
              required
              autoComplete="new-password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to them in person or by phone.`}
              value={password}
              maxLength={1024}
              error={passwordShort ? `${password.length} of ${MIN_PASSWORD_LENGTH} characters` : undefined}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
          )}
          <MultiSelect
            label="Teams"
            data={teams.map((team) => ({ value: team.id, label: team.name }))}
            value={role === 'admin' ? [] : teamIds}
            onChange={setTeamIds}
            disabled={role === 'admin'}
            placeholder={
              role === 'admin' ? 'Admins belong to every team' : teamIds.length === 0 ? 'No team' : undefined
            }
            searchable
            clearable
            nothingFoundMessage="No team of that name"
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput
            label="Refund limit"
            description={
              role === 'rep'
                ? 'Refunds above it wait for a lead. Empty: the default, 50.00 in the order’s currency.'
                : 'Leads and admins have no refund limit.'
            }
            disabled={role !== 'rep'}
            min={0}
            max={10_000_000}
            decimalScale={2}
            allowNegative={false}
            placeholder={role === 'rep' ? '50.00 (default)' : 'No limit'}
            value={role === 'rep' ? limit : ''}
            onChange={setLimit}
          />
          {error && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="admin-user-error">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={FILLED} loading={busy} disabled={!ready} data-testid="admin-user-save">
              {user === null ? 'Create user' : 'Save'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
