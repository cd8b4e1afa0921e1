import { Button, Group, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConsoleOverview } from '../../../../shared/api';
import { CSAT_QUESTION_MAX, DEFAULT_CSAT_QUESTION } from '../../../../shared/domain/csat';
import type { CsatReport } from '../../../../shared/sync/lookups';
import { useSetCsatQuestion } from '../../api/console';
import { formatRate } from './format';
import { errorMessage } from '../../transport';

/** Each team's survey: whether it asks for a rating when a conversation is resolved, and the question. */
export function SurveySettings({ report, overview }: { report: CsatReport; overview: ConsoleOverview | undefined }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid="csat-settings">
      <Text size="sm" fw={600}>
        Survey on resolving
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        A minute after a conversation is resolved, the customer is asked this on its channel. A reply of 1 to 5 is
        recorded against the rep; anything else reopens the conversation as usual.
      </Text>
      <Stack gap="sm">
        {report.teams.map((team) => (
          <TeamSurvey
            key={`${team.teamId}:${team.question ?? ''}`}
            team={team}
            name={overview?.teams.find((known) => known.id === team.teamId)?.name ?? team.teamId}
          />
        ))}
      </Stack>
    </Paper>
  );
}

type TeamRow = CsatReport['teams'][number];

/** One team's figures for the range: "12 answers · 4.6 average · 83 % CSAT of 40 sent". */
function teamFigures(team: TeamRow): string {
  if (team.responses === 0) return `No answers yet · ${team.sent} sent`;
  const average = (team.scoreTotal / team.responses).toFixed(1);
  const answers = team.responses === 1 ? '1 answer' : `${team.responses} answers`;
  return `${answers} · ${average} average · ${formatRate(team.satisfied, team.responses)} CSAT · ${team.sent} sent`;
}

function TeamSurvey({ team, name }: { team: TeamRow; name: string }) {
  const { teamId, question } = team;
  const [on, setOn] = useState(question !== null);
  const [text, setText] = useState(question ?? DEFAULT_CSAT_QUESTION);
  const save = useSetCsatQuestion();
  const next = on ? text.trim() : null;
  const changed = next !== question;
  const invalid = on && (next === '' || text.length > CSAT_QUESTION_MAX);
  const submit = () =>
    save.mutate(
      { teamId, question: next },
      {
        onSuccess: () =>
          notifications.show({
            message: next === null ? `${name} no longer sends a survey.` : `${name} asks this when resolving.`,
            color: 'teal',
          }),
        onError: (error) =>
          notifications.show({ title: 'Survey not changed', message: errorMessage(error), color: 'red' }),
      },
    );
  return (
    <Stack gap={6} data-testid={`csat-team-${teamId}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Switch
          size="sm"
          label={`${name}: ask for a rating when a conversation is resolved`}
          checked={on}
          onChange={(event) => setOn(event.currentTarget.checked)}
        />
        <Button
          size="xs"
          variant="light"
          leftSection={<IconDeviceFloppy size={14} />}
          disabled={!changed || invalid}
          loading={save.isPending}
          onClick={submit}
          data-testid={`csat-save-${teamId}`}
        >
          Save
        </Button>
      </Group>
      <Text size="xs" c="dimmed" data-testid={`csat-team-figures-${teamId}`}>
        {teamFigures(team)}
      </Text>
      {on && (
        <Textarea
          size="xs"
          aria-label={`Survey question of ${name}`}
          autosize
          minRows={2}
          maxLength={CSAT_QUESTION_MAX}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={invalid ? `Write a question of 1 to ${CSAT_QUESTION_MAX} characters.` : undefined}
          description={`${text.length} / ${CSAT_QUESTION_MAX}`}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && changed && !invalid) submit();
          }}
        />
      )}
    </Stack>
  );
}
