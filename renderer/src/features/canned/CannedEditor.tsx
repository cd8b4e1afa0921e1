import {
  Alert,
  Button,
  Group,
  Menu,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconBraces, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ResolutionView } from '../../../../shared/api';
import { fillTemplate, VARIABLES } from '../../../../shared/canned';
import type { FillContext } from '../../../../shared/canned';
import type { ResolutionThen, User } from '../../../../shared/domain';
import { mayWriteTeamLibrary } from '../../../../shared/sync';
import { useDeleteResolution, useSaveResolution } from '../../api/resolutions';
import { errorMessage } from '../../transport';

type After = 'nothing' | 'resolve' | 'snooze';

type Props = {
  /** The one edited; null for a new one. */
  item: ResolutionView | null;
  onClose: () => void;
  ctx: FillContext | null;
  user: User | null;
  teams: readonly { id: string; name: string }[];
};

function afterOf(then: ResolutionThen | undefined): After {
  if (then?.status === 'closed') return 'resolve';
  return then?.snoozeHours ? 'snooze' : 'nothing';
}

/**
 * Creates, edits or deletes a canned resolution: personal for every rep, a team's for its leads
 * and admins. The preview is filled from the open conversation as the rep types, with what could
 * not be filled; a name between braces that is not a variable keeps it from being saved.
 */
export function CannedEditor({ item, onClose, ctx, user, teams }: Props) {
  const [title, setTitle] = useState(item?.title ?? '');
  const [body, setBody] = useState(item?.body ?? '');
  const [scope, setScope] = useState<string>(item?.teamId ?? 'personal');
  const [tags, setTags] = useState<string[]>(item?.then?.tags ?? []);
  const [after, setAfter] = useState<After>(afterOf(item?.then));
  const [hours, setHours] = useState<number>(item?.then?.snoozeHours ?? 24);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useSaveResolution();
  const remove = useDeleteResolution();

  const writableTeams = user ? teams.filter((team) => mayWriteTeamLibrary(user, team.id)) : [];
  const scopes = [
    { value: 'personal', label: 'Personal (only you)' },
    ...writableTeams.map((team) => ({ value: team.id, label: `Team: ${team.name}` })),
  ];
  const filled = fillTemplate(body, ctx ?? { customer: null, orders: [], about: '', rep: user, now: Date.now() });
  const unknown = filled.unknown.map((name) => `{{${name}}} is not a variable: use one from Variables or remove it.`);
  const then: ResolutionThen = {
    ...(tags.length > 0 ? { tags } : {}),
    ...(after === 'resolve' ? { status: 'closed' as const } : {}),
    ...(after === 'snooze' ? { snoozeHours: hours } : {}),
  };
  const error = save.error ?? remove.error;

  const onSave = () => {
    if (title.trim() === '' || body.trim() === '' || unknown.length > 0) return;
    save.mutate(
      {
        ...(item ? { id: item.id } : {}),
        title,
        body,
        ...(scope === 'personal' ? {} : { teamId: scope }),
        ...(Object.keys(then).length > 0 ? { then } : {}),
      },
      { onSuccess: onClose },
    );
  };
  const onDelete = () => {
    if (!item) return;
    if (!confirmDelete) return setConfirmDelete(true);
    remove.mutate(item.id, { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={item ? 'Edit canned resolution' : 'New canned resolution'}
      size="xl"
      data-testid="canned-editor"
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} role="alert" data-testid="canned-editor-error">
            {errorMessage(error)}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Title"
            data-autofocus
            value={title}
            maxLength={120}
            onChange={(event) => setTitle(event.currentTarget.value)}
            data-testid="canned-title"
          />
          <Select
            label="Who can use it"
            data={scopes}
            value={scope}
            allowDeselect={false}
            // An item keeps its scope; a copy can be saved in another.
            disabled={item !== null}
            onChange={(value) => setScope(value ?? 'personal')}
            data-testid="canned-scope-select"
          />
        </Group>
        <Group align="flex-start" grow>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text size="sm" fw={500} component="label" htmlFor="canned-body">
                Text
              </Text>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button size="compact-xs" variant="subtle" leftSection={<IconBraces size={12} />}>
                    Variables
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {VARIABLES.map((variable) => (
                    <Menu.Item key={variable} onClick={() => setBody((text) => `${text}{{${variable}}}`)}>
                      {`{{${variable}}}`}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            </Group>
            <Textarea
              id="canned-body"
              autosize
              minRows={6}
              maxRows={14}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              error={unknown.length > 0 ? unknown.join(' ') : undefined}
              data-testid="canned-body"
            />
          </Stack>
          <Paper withBorder p="xs" radius="sm" aria-label="Preview">
            <Text size="xs" c="dimmed" mb={4}>
              {ctx ? 'Preview, filled from the open conversation' : 'Preview (open a conversation to fill it)'}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="canned-preview">
              {filled.text || ' '}
            </Text>
            {filled.unfilled.length > 0 && (
              <Stack gap={2} mt={6} data-testid="canned-unfilled">
                {filled.unfilled.map((gap) => (
                  <Group key={gap.variable} gap={4} wrap="nowrap">
                    <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" style={{ flexShrink: 0 }} />
                    <Text size="xs" c="orange">
                      {gap.message}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
        </Group>
        <Group align="flex-end" gap="sm">
          <TagsInput
            label="With the send: add tags"
            value={tags}
            onChange={setTags}
            maxTags={10}
            style={{ flex: 1 }}
            data-testid="canned-tags"
          />
          <SegmentedControl
            aria-label="Then"
            value={after}
            onChange={setAfter}
            data={[
              { value: 'nothing', label: 'Keep open' },
              { value: 'resolve', label: 'Resolve' },
              { value: 'snooze', label: 'Snooze' },
            ]}
            data-testid="canned-after"
          />
          {after === 'snooze' && (
            <NumberInput
              label="Hours"
              w={90}
              min={1}
              max={720}
              value={hours}
              onChange={(value) => setHours(typeof value === 'number' ? value : 24)}
            />
          )}
        </Group>
        <Group justify="space-between">
          {item ? (
            <Button
              variant={confirmDelete ? 'filled' : 'subtle'}
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={onDelete}
              loading={remove.isPending}
              data-testid="canned-delete"
            >
              {confirmDelete ? 'Delete for good' : 'Delete'}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              leftSection={<IconDeviceFloppy size={14} />}
              onClick={onSave}
              loading={save.isPending}
              disabled={title.trim() === '' || body.trim() === '' || unknown.length > 0}
              data-testid="canned-save"
            >
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
