// Suggestion latency in the engine next to the raw open-conversation read: the same conversations,
// the same cache, interleaved pair by pair (bench/README.md).
import type { ConversationSuggestions } from '../../shared/api';
import { summarize } from '../stats';
import type { Summary } from '../stats';

export interface EngineFigures {
  /** Distinct conversations the calls cycle through. */
  conversations: number;
  runs: number;
  warmup: number;
  suggestion: Summary;
  raw: Summary;
  /** Suggestion ÷ raw at each percentile. */
  ratio: { p50: number; p95: number };
  /** Of the distinct conversations: how many got at least one suggestion, and at least one sendable one. */
  withSuggestions: number;
  withSendable: number;
}

const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * `warmup` untimed pairs, then `runs` timed pairs over `conversationIds` in turn: one suggestion call and
 * one raw read of the same conversation, which of the two goes first alternating from pair to pair (the
 * second reads pages the first just touched).
 */
export async function measureEngine(options: {
  conversationIds: readonly string[];
  suggest: (conversationId: string) => Promise<ConversationSuggestions>;
  raw: (conversationId: string) => unknown;
  runs: number;
  warmup: number;
}): Promise<EngineFigures> {
  const { conversationIds, suggest, raw, runs, warmup } = options;
  if (conversationIds.length === 0) throw new Error('no conversations to time');
  const idAt = (i: number) => conversationIds[i % conversationIds.length] ?? '';

  let withSuggestions = 0;
  let withSendable = 0;
  for (const id of conversationIds) {
    const { suggestions } = await suggest(id);
    if (suggestions.length > 0) withSuggestions++;
    if (suggestions.some((s) => s.sendable)) withSendable++;
  }
  for (let i = 0; i < warmup; i++) {
    await suggest(idAt(i));
    raw(idAt(i));
  }

  const suggestion: number[] = [];
  const plain: number[] = [];
  const timeSuggestion = async (id: string) => {
    const start = process.hrtime.bigint();
    await suggest(id);
    suggestion.push(elapsedMs(start));
  };
  const timeRaw = (id: string) => {
    const start = process.hrtime.bigint();
    raw(id);
    plain.push(elapsedMs(start));
  };
  for (let i = 0; i < runs; i++) {
    const id = idAt(i);
    if (i % 2 === 0) {
      await timeSuggestion(id);
      timeRaw(id);
    } else {
      timeRaw(id);
      await timeSuggestion(id);
    }
  }
  const s = summarize(suggestion);
  const r = summarize(plain);
  return {
    conversations: conversationIds.length,
    runs,
    warmup,
    suggestion: s,
    raw: r,
    ratio: { p50: s.p50 / r.p50, p95: s.p95 / r.p95 },
    withSuggestions,
    withSendable,
  };
}
