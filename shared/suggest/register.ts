// Turns a draft into a reply in the channel's register: a public X reply fits 280 characters, an
// SMS stays short, chat apps are conversational, an email has a greeting and a sign-off.
import type { Channel } from '../domain/channels';
import type { Draft, PlaybookContext } from './draft';
import { firstName } from './format';
import type { Fact } from './types';

/** The longest reply each channel takes; null where length is no concern. */
export const CHANNEL_LIMITS: Record<Channel, number | null> = {
  x: 280,
  sms: 320,
  whatsapp: 700,
  messenger: 700,
  instagram: 700,
  webchat: 700,
  email: null,
};

function frame(channel: Channel, name: string, body: string, signOff: string): string {
  const hi = name ? `Hi ${name}` : 'Hi';
  switch (channel) {
    case 'email':
      return `${hi},\n\n${body}\n\nBest regards,\n${signOff}`;
    case 'x':
      // A public reply: no name (the handle is already on it).
      return body;
    case 'sms':
      // One sentence runs on from the greeting: "Hi Maya, your order…" (but "I" stays "I").
      return `${hi}, ${/^I\b/.test(body) ? body : body.charAt(0).toLowerCase() + body.slice(1)}`;
    default:
      return `${hi}! ${body}`;
  }
}

export function render(draft: Draft, ctx: PlaybookContext): { text: string; facts: Fact[] } {
  const parts = [...draft.parts];
  const apologised = parts.some((p) => /sorry/i.test(p.text));
  if (ctx.sentiment === 'negative' && !apologised && !draft.playbook.startsWith('praise'))
    parts.unshift({ text: 'I’m sorry for the trouble.', optional: true });
  const name = ctx.channel === 'x' ? '' : firstName(ctx.record.customer.name);
  const limit = CHANNEL_LIMITS[ctx.channel];
  const write = (kept: typeof parts) => frame(ctx.channel, name, kept.map((p) => p.text).join(' '), ctx.policy.signOff);
  let kept = parts;
  let text = write(kept);
  while (limit !== null && text.length > limit) {
    const last = kept.map((p) => p.optional).lastIndexOf(true);
    if (last < 0) break;
    kept = kept.filter((_, i) => i !== last);
    text = write(kept);
  }
  // Only what the final text still says counts as used.
  const facts = draft.facts.filter(
    (fact, i, all) =>
      text.includes(fact.value) && all.findIndex((f) => f.kind === fact.kind && f.value === fact.value) === i,
  );
  return { text, facts };
}
