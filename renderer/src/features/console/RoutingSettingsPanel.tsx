import {
  Alert,
  Button,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { CHANNEL_LABELS, CHANNELS } from '../../../../shared/domain/channels';
import type { Channel } from '../../../../shared/domain/channels';
import { RoutingSettings } from '../../../../shared/domain/routing';
import type { RepRouting, RoutingMode } from '../../../../shared/domain/routing';
import { LANGUAGES } from '../../../../shared/suggest/language';
import { useRoutingSettings, useSaveRouting } from '../../api/console';
import { useTeamMembers } from '../../api/inbox';
import { errorMessage } from '../../transport';

const MODES: { value: RoutingMode; label: string }[] = [
  { value: 'manual', label: 'Manual' },
  { value: 'round_robin', label: 'Round robin' },
  { value: 'fewest_open', label: 'Fewest open' },
];
const CHANNEL_OPTIONS = CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }));
const LANGUAGE_OPTIONS = LANGUAGES.map((language) => ({ value: language, label: language.toUpperCase() }));

/** A number input's value as a limit: empty means none. */
const limit = (value: string | number): number | null => (typeof value === 'number' ? value : null);

type Props = { teams: { id: string; name: string }[] };

/** A team's automatic routing: mode, capacities, offline return and each rep's skills (server README "Routing"). */
export function RoutingSettingsPanel({ teams }: Props) {
  const [teamId, setTeamId] = useState<string | null>(teams[0]?.id ?? null);
  const stored = useRoutingSettings(teamId);
  const members = useTeamMembers(teamId ?? '');
  const save = useSaveRouting();
  const [draft, setDraft] = useState<RoutingSettings | null>(null);
  useEffect(() => setDraft(stored.data ?? null), [stored.data]);

  if (teams.length === 0) return <Text c="dimmed">You lead no team.</Text>;
  const reps = (members.data ?? []).filter((member) => member.role === 'rep');
  const repSkills = (userId: string): RepRouting =>
    draft?.reps.find((rep) => rep.userId === userId) ?? {
      userId,
      maxOpen: null,
      languages: [],
      channels: [],
      productLines: [],
    };
  const setRep = (userId: string, change: Partial<RepRouting>) =>
    setDraft((current) => {
      if (!current) return current;
      const next = { ...repSkills(userId), ...change };
      const others = current.reps.filter((rep) => rep.userId !== userId);
      const empty = next.maxOpen === null && [next.languages, next.channels, next.productLines].every((l) => !l.length);
      return { ...current, reps: empty ? others : [...others, next] };
    });
  const parsed = draft ? RoutingSettings.safeParse(draft) : null;
  const problem = parsed && !parsed.success ? parsed.error.issues[0] : undefined;

  const onSave = () => {
    if (!teamId || !parsed?.success) return;
    save.mutate(
      { teamId, settings: parsed.data },
      {
        onSuccess: () => notifications.show({ message: 'Routing saved.', color: 'teal' }),
        onError: (error) =>
          notifications.show({ title: 'Routing not saved', message: errorMessage(error), color: 'red' }),
      },
    );
  };

  return (
    <Stack gap="sm" data-testid="routing-settings">
      <Select
        label="Team"
        data={teams.map((team) => ({ value: team.id, label: team.name }))}
        value={teamId}
        onChange={setTeamId}
        allowDeselect={false}
        w={260}
      />
      {stored.isPending && teamId !== null ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Reading the team's routing from the server…
          </Text>
        </Group>
      ) : stored.isError ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} title="Routing could not be read">
          {errorMessage(stored.error)}
        </Alert>
      ) : draft ? (
        <>
          <SegmentedControl
            aria-label="Routing mode"
            data={MODES}
            value={draft.mode}
            onChange={(mode) => setDraft({ ...draft, mode: mode })}
            w="fit-content"
          />
          <Group gap="md" align="flex-end">
            <NumberInput
              label="Open conversations per rep"
              description="Empty: no limit"
              min={1}
              max={1000}
              value={draft.maxOpen ?? ''}
              onChange={(value) => setDraft({ ...draft, maxOpen: limit(value) })}
              w={220}
            />
            <NumberInput
              label="Return an offline rep's conversations after (minutes)"
              description="Empty: never"
              min={0}
              max={10080}
              value={draft.offlineReturnMinutes ?? ''}
              onChange={(value) => setDraft({ ...draft, offlineReturnMinutes: limit(value) })}
              w={340}
            />
          </Group>
          <Text size="sm" fw={500}>
            Open conversations per rep on one channel
          </Text>
          <Group gap="xs">
            {CHANNELS.map((channel: Channel) => (
              <NumberInput
                key={channel}
                label={CHANNEL_LABELS[channel]}
                size="xs"
                min={1}
                max={1000}
                value={draft.channelMaxOpen[channel] ?? ''}
                onChange={(value) => {
                  const { [channel]: _dropped, ...rest } = draft.channelMaxOpen;
                  const max = limit(value);
                  setDraft({ ...draft, channelMaxOpen: max === null ? rest : { ...rest, [channel]: max } });
                }}
                w={100}
              />
            ))}
          </Group>
          <Text size="sm" fw={500}>
            Reps' capacity and skills (empty: anything)
          </Text>
          {members.isError ? (
            <Alert color="red" icon={<IconAlertTriangle size={16} />}>
              {errorMessage(members.error)}
            </Alert>
          ) : reps.length === 0 ? (
            <Text size="sm" c="dimmed">
              {members.isPending ? 'Loading the team…' : 'This team has no reps.'}
            </Text>
          ) : (
            <Table striped highlightOnHover verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rep</Table.Th>
                  <Table.Th>Open at most</Table.Th>
                  <Table.Th>Languages</Table.Th>
                  <Table.Th>Channels</Table.Th>
                  <Table.Th>Product lines</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reps.map((rep) => {
                  const skills = repSkills(rep.id);
                  return (
                    <Table.Tr key={rep.id} data-testid={`routing-rep-${rep.id}`}>
                      <Table.Td>{rep.name}</Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={`Open at most, ${rep.name}`}
                          size="xs"
                          min={1}
                          max={1000}
                          placeholder="Team's"
                          value={skills.maxOpen ?? ''}
                          onChange={(value) => setRep(rep.id, { maxOpen: limit(value) })}
                          w={90}
                        />
                      </Table.Td>
                      <Table.Td>
                        <MultiSelect
                          aria-label={`Languages, ${rep.name}`}
                          size="xs"
                          data={LANGUAGE_OPTIONS}
                          value={skills.languages}
                          onChange={(languages) => setRep(rep.id, { languages: languages })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <MultiSelect
                          aria-label={`Channels, ${rep.name}`}
                          size="xs"
                          data={CHANNEL_OPTIONS}
                          value={skills.channels}
                          onChange={(channels) => setRep(rep.id, { channels: channels })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TagsInput
                          aria-label={`Product lines, ${rep.name}`}
                          size="xs"
                          value={skills.productLines}
                          onChange={(productLines) => setRep(rep.id, { productLines })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {problem && (
            <Text size="sm" c="red" role="alert">
              {problem.path.join('.')}: {problem.message}
            </Text>
          )}
          <Group>
            <Button
              leftSection={<IconDeviceFloppy size={14} />}
              onClick={onSave}
              loading={save.isPending}
              disabled={!parsed?.success}
              data-testid="routing-save"
            >
              Save routing
            </Button>
            <Text size="xs" c="dimmed">
              Product lines are read from a conversation's “product:…” tag.
            </Text>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
