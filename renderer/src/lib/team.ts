import type { RepPresence } from '../../../shared/api';

export type Teammate = { id: string; name: string; status: RepPresence['status'] | null; isMe: boolean };

/**
 * Whom a conversation can be given to. There is no call listing a team's members yet, so this
 * gathers everyone the renderer knows of: the rep, the reps presence reports, the authors of the
 * conversation's replies and notes, and its current assignee. Sorted: the rep first, then by name.
 */
export function teammates(input: {
  me: { id: string; name: string };
  reps: readonly RepPresence[];
  authors: Record<string, { id: string; name: string }>;
  assignee: { id: string; name: string | null } | null;
}): Teammate[] {
  const byId = new Map<string, Teammate>();
  const add = (id: string, name: string, status: Teammate['status']) => {
    const known = byId.get(id);
    if (!known) byId.set(id, { id, name, status, isMe: id === input.me.id });
    else if (known.status === null && status !== null) byId.set(id, { ...known, status });
  };
  add(input.me.id, input.me.name, 'online');
  for (const rep of input.reps) add(rep.userId, rep.name, rep.status);
  for (const author of Object.values(input.authors)) add(author.id, author.name, null);
  if (input.assignee?.name) add(input.assignee.id, input.assignee.name, null);
  return [...byId.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}

export type ConversationPresence = { viewers: string[]; typing: string[] };

/** Who else has a conversation open and who is writing in it, by name (offline reps left out). */
export function presenceIn(conversationId: string, reps: readonly RepPresence[]): ConversationPresence {
  const here = reps.filter((rep) => rep.status !== 'offline');
  return {
    viewers: here.filter((rep) => rep.viewing.includes(conversationId)).map((rep) => rep.name),
    typing: here.filter((rep) => rep.typing.includes(conversationId)).map((rep) => rep.name),
  };
}

/** For the inbox: conversation id → names of the other reps viewing it. */
export function viewersByConversation(reps: readonly RepPresence[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const rep of reps) {
    if (rep.status === 'offline') continue;
    for (const id of rep.viewing) map.set(id, [...(map.get(id) ?? []), rep.name]);
  }
  return map;
}

/** "Ana is typing…", "Ana and Ben are typing…", "Ana, Ben and 2 others are typing…". */
export function typingSentence(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} ${others === 1 ? 'other' : 'others'} are typing…`;
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}
