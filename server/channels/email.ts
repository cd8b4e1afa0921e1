import type { MediaReference, ThreadReferences } from './event';
import type { ReplyRoute } from './outbound';

/** `"Jane Doe" <jane@example.com>` or a bare address, as the address and the name (null when none). */
export function mailbox(text: string): { address: string; name: string | null } {
  const match = /^(.*)<([^<>]+)>\s*$/.exec(text.trim());
  if (!match) return { address: text.trim(), name: null };
  const name = (match[1] ?? '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return { address: (match[2] ?? '').trim(), name: name || null };
}

/** Message-ID, In-Reply-To and References from a message's headers (any case), as threading needs them. */
export function emailThread(headerValue: (name: string) => string | undefined): ThreadReferences {
  const thread: ThreadReferences = {};
  const messageId = headerValue('message-id')?.trim();
  const inReplyTo = headerValue('in-reply-to')?.trim();
  const references = headerValue('references')?.match(/<[^<>]+>/g);
  if (messageId) thread.messageId = messageId;
  if (inReplyTo) thread.inReplyTo = inReplyTo;
  if (references?.length) thread.references = references;
  return thread;
}

/** A raw header block (`Name: value` lines, folded lines joined) as a lookup by lower-case name, first value kept. */
export function headerBlock(text: string): (name: string) => string | undefined {
  const headers = new Map<string, string>();
  for (const line of text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return (name) => headers.get(name.toLowerCase());
}

/** An RFC 2822 date as milliseconds; null when it does not parse. */
export function emailDate(text: string | undefined): number | null {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** An email attachment by reference: its name, type and size; the bytes are not kept. */
export function attachment(filename: string | null, contentType: string, size: number | null): MediaReference {
  return { url: null, providerMediaId: null, contentType, size, filename };
}

/** A reply's subject: "Re: " once, as mail clients do. */
export function replySubject(subject: string | null): string {
  const base = (subject ?? '').trim();
  if (base === '') return 'Re: your message';
  return /^re:/i.test(base) ? base : `Re: ${base}`;
}

/** In-Reply-To and References of a reply to the message `thread` describes (RFC 5322 §3.6.4); none without its Message-ID. */
export function replyThreadHeaders(thread: ReplyRoute['thread']): Record<string, string> {
  if (!thread.messageId) return {};
  const references = [...(thread.references ?? []), thread.messageId];
  return { 'In-Reply-To': thread.messageId, References: [...new Set(references)].join(' ') };
}
