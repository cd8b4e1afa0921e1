import { Alert, Badge, Button, Chip, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconRestore } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_SLA_POLICY, SlaPolicy } from '../../../../shared/domain/sla';
import { useSaveSla } from '../../api/console';
import { useTeams } from '../../api/inbox';
import { errorMessage } from '../../transport';
import { SlaTargetsTable } from './SlaTargetsTable';
import { calendarSummary, clockOf, minutesOf, timeZones, WEEKDAYS } from './slaForm';

type Props = { teams: { id: string; name: string }[] };

/**
 * A team's service levels: when it works (days, hours, time zone) and each channel's targets per
 * priority. Read from the engine's cache (they travel with the team), saved on the server.
 */
export function ServiceLevelsPanel({ teams }: Props) {
  const [teamId, setTeamId] = useState<string | null>(teams[0]?.id ?? null);
  const cached = useTeams();
  const own = cached.data?.find((team) => team.id === teamId)?.sla ?? null;
  const stored = own ?? DEFAULT_SLA_POLICY;
  const storedKey = JSON.stringify(stored);
  const [draft, setDraft] = useState<SlaPolicy>(stored);
  const [opens, setOpens] = useState(clockOf(stored.calendar.opensAt));
  const [closes, setCloses] = useState(clockOf(stored.calendar.closesAt));
  // A different team, or the saved policy arriving with the team's change, starts the form again.
  useEffect(() => {
    const policy = JSON.parse(storedKey) as SlaPolicy;
    setDraft(policy);
    setOpens(clockOf(policy.calendar.opensAt));
    setCloses(clockOf(policy.calendar.closesAt));
  }, [teamId, storedKey]);
  const zones = useMemo(timeZones, []);
  const save = useSaveSla();

  if (teams.length === 0) return <Text c="dimmed">You lead no team.</Text>;
  const name = teams.find((team) => team.id === teamId)?.name ?? '';
  const candidate = {
    ...draft,
    calendar: { ...draft.calendar, opensAt: minutesOf(opens) ?? -1, closesAt: minutesOf(closes) ?? -1 },
  };
  const parsed = SlaPolicy.safeParse(candidate);
  const problem = parsed.success ? undefined : parsed.error.issues[0];
  const changed = JSON.stringify(candidate) !== storedKey;

  const submit = (sla: SlaPolicy | null) => {
    if (!teamId) return;
    save.mutate(
      { teamId, sla },
      {
        onSuccess: () =>
          notifications.show({
            message:
              sla === null
                ? `${name} is back on the default service levels.`
                : `Service levels of ${name} are saved; every app of the team uses them once it has synced.`,
            color: 'teal',
          }),
        onError: (error) =>
          notifications.show({ title: 'Service levels not saved', message: errorMessage(error), color: 'red' }),
      },
    );
  };

  return (
    <Stack gap="sm" data-testid="sla-settings">
      <Group gap="md" align="flex-end">
        <Select
          label="Team"
          data={teams.map((team) => ({ value: team.id, label: team.name }))}
          value={teamId}
          onChange={setTeamId}
          allowDeselect={false}
          w={260}
        />
        <Badge variant="light" color={own ? 'teal' : 'gray'} mb={6} data-testid="sla-source">
          {own ? 'Own service levels' : 'Default service levels'}
        </Badge>
        <Text size="xs" c="dimmed" mb={8}>
          {calendarSummary(stored)}
        </Text>
      </Group>
      {cached.isError && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {errorMessage(cached.error)}
        </Alert>
      )}
      <Group gap="md" align="flex-end">
        <Select
          label="Time zone"
          searchable
          data={zones}
          value={draft.calendar.timeZone}
          onChange={(timeZone) => timeZone && setDraft({ ...draft, calendar: { ...draft.calendar, timeZone } })}
          allowDeselect={false}
          w={240}
          data-testid="sla-time-zone"
        />
        <ClockInput label="Opens" value={opens} onChange={setOpens} testId="sla-opens" />
        <ClockInput label="Closes" value={closes} onChange={setCloses} testId="sla-closes" />
        <NumberInput
          label="Warn when less is left than"
          suffix=" %"
          min={5}
          max={90}
          allowDecimal={false}
          value={Math.round(draft.warnShare * 100)}
          onChange={(value) => setDraft({ ...draft, warnShare: typeof value === 'number' ? value / 100 : Number.NaN })}
          w={200}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Working days
        </Text>
        <Chip.Group
          multiple
          value={draft.calendar.days.map(String)}
          onChange={(days) =>
            setDraft({ ...draft, calendar: { ...draft.calendar, days: days.map(Number).sort((a, b) => a - b) } })
          }
        >
          <Group gap={6}>
            {WEEKDAYS.map((day) => (
              <Chip key={day.value} value={String(day.value)} size="xs" variant="light">
                {day.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <SlaTargetsTable policy={draft} onChange={setDraft} />
      {problem && (
        <Text size="sm" c="red" role="alert" data-testid="sla-problem">
          {problem.path.join('.')}: {problem.message}
        </Text>
      )}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={14} />}
          onClick={() => parsed.success && submit(parsed.data)}
          loading={save.isPending}
          disabled={!parsed.success || !changed}
          data-testid="sla-save"
        >
          Save service levels
        </Button>
        <Button
          variant="default"
          leftSection={<IconRestore size={14} />}
          onClick={() => submit(null)}
          disabled={own === null || save.isPending}
          data-testid="sla-reset"
        >
          Back to the defaults
        </Button>
        <Text size="xs" c="dimmed">
          Targets count business minutes: the clock runs only on working days between opening and closing.
        </Text>
      </Group>
    </Stack>
  );
}

/** A time of day ("09:00"), as the team's calendar takes it. */
function ClockInput(props: { label: string; value: string; onChange: (value: string) => void; testId: string }) {
  return (
    <TextInput
      label={props.label}
      type="time"
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      w={130}
      data-testid={props.testId}
    />
  );
}
