import { Badge, Group, Loader, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconRobot, IconSparkles } from '@tabler/icons-react';
import type { SuggestedReply } from '../../../shared/api';

type Props = {
  suggestions: readonly SuggestedReply[];
  /** Puts suggestion `rank` in the reply box; only sendable ones. */
  onInsert: (suggestion: SuggestedReply) => void;
  /** The language model is phrasing them; Caredesk's own are shown meanwhile. */
  phrasing?: boolean;
  /** Why some keep Caredesk's wording although the model was asked. */
  phrasingNote?: string | null;
};

/**
 * Up to three suggested replies above the composer, best first: key 1–3 (or a click) puts one in
 * the reply box. One that failed the grounding check shows why and cannot be inserted.
 */
export function SuggestionStrip({ suggestions, onInsert, phrasing = false, phrasingNote = null }: Props) {
  if (suggestions.length === 0) return null;
  return (
    <Stack gap={4} aria-label="Suggested replies" data-testid="suggestions" aria-busy={phrasing}>
      {phrasing && (
        <Group gap={6} wrap="nowrap" data-testid="suggestions-phrasing">
          <Loader size={12} />
          <Text size="xs" c="dimmed">
            The language model is phrasing these replies…
          </Text>
        </Group>
      )}
      {phrasingNote && (
        <Group gap={4} wrap="nowrap" align="flex-start" data-testid="suggestions-phrasing-note">
          <IconInfoCircle size={14} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="xs" c="dimmed">
            {phrasingNote}
          </Text>
        </Group>
      )}
      {suggestions.map((suggestion) => {
        const facts = suggestion.facts.map((fact) => `${fact.kind.replace('_', ' ')}: ${fact.value}`).join('\n');
        return (
          <Paper key={suggestion.rank} withBorder radius="sm" p={6}>
            <UnstyledButton
              w="100%"
              disabled={!suggestion.sendable}
              onClick={() => suggestion.sendable && onInsert(suggestion)}
              aria-label={`Suggestion ${suggestion.rank}${suggestion.sendable ? '' : ' (cannot be sent)'}`}
              data-sendable={suggestion.sendable}
            >
              <Group gap={8} wrap="nowrap" align="flex-start">
                <Badge
                  size="sm"
                  variant={suggestion.sendable ? 'light' : 'outline'}
                  color={suggestion.sendable ? 'blue' : 'red'}
                >
                  {suggestion.rank}
                </Badge>
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Tooltip
                    label={facts || 'Quotes nothing from the record'}
                    multiline
                    w={280}
                    disabled={!suggestion.sendable}
                  >
                    <Text size="sm" lineClamp={2} c={suggestion.sendable ? undefined : 'dimmed'}>
                      {suggestion.text}
                    </Text>
                  </Tooltip>
                  {suggestion.problems.map((problem) => (
                    <Group key={`${problem.kind}:${problem.value}`} gap={4} wrap="nowrap">
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
                      <Text size="xs" c="red">
                        {problem.reason}
                      </Text>
                    </Group>
                  ))}
                </Stack>
                {suggestion.sendable &&
                  (suggestion.phrasedBy === 'model' ? (
                    <Tooltip label="Phrased by the language model from the same facts, and checked">
                      <IconRobot size={14} stroke={1.5} aria-label="Phrased by the language model" />
                    </Tooltip>
                  ) : (
                    <IconSparkles size={14} stroke={1.5} aria-hidden />
                  ))}
              </Group>
            </UnstyledButton>
          </Paper>
        );
      })}
    </Stack>
  );
}
