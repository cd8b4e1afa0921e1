import { Mark, Text } from '@mantine/core';
import type { SearchHit } from '../../../shared/api';
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../../../shared/api/search';
import { formatAge } from '../lib/time';
import { ChannelIcon } from './ChannelIcon';

export type SnippetPart = { text: string; match: boolean };

/**
 * Splits a snippet at the engine's match markers (SNIPPET_MATCH_START … SNIPPET_MATCH_END) into
 * highlighted and plain parts. Everything else, "[[x]]" and markup included, stays text, and the
 * snippet is never rendered as HTML. A start marker with no end, or an end marker with no start,
 * is dropped and its text shown plain.
 */
export function highlightParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  let rest = snippet;
  while (rest !== '') {
    const start = rest.indexOf(SNIPPET_MATCH_START);
    const end = start === -1 ? -1 : rest.indexOf(SNIPPET_MATCH_END, start + 1);
    if (start === -1 || end === -1) {
      push(stripMarkers(rest), false);
      break;
    }
    push(stripMarkers(rest.slice(0, start)), false);
    push(stripMarkers(rest.slice(start + 1, end)), true);
    rest = rest.slice(end + 1);
  }
  return parts;
}

function stripMarkers(text: string): string {
  return text.replaceAll(SNIPPET_MATCH_START, '').replaceAll(SNIPPET_MATCH_END, '');
}

export function SearchHitView({ hit, now }: { hit: SearchHit; now: number }) {
  return (
    <div style={{ display: 'flex', gap: 8, minWidth: 0, alignItems: 'flex-start' }}>
      <span style={{ paddingTop: 2 }}>
        <ChannelIcon channel={hit.channel} size={14} />
      </span>
      <div style={{ minWidth: 0, flex: 1 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Text size="sm" fw={600} truncate="end">
            {hit.customerName}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatAge(hit.createdAt, now)}
          </Text>
        </div>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {highlightParts(hit.snippet).map((part, index) =>
            part.match ? (
              <Mark key={index} color="yellow">
                {part.text}
              </Mark>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </Text>
      </div>
    </div>
  );
}
