import type { RepPresence } from '../../../shared/api';

export type Teammate = { id: string; name: string; status: RepPresence['status'] | null; isMe: boolean };

/**
 * Whom a conversation can be given to: the members of its team, with the status presence reports
 * (null for those it says nothing of), and its current assignee even if they left the team.
 * Sorted: the rep first, then by name.
 */
export function teammates(input: {
  me: { id: string; name: string };
  members: readonly { id: string; name: string }[];
  reps: readonly RepPresence[];
  assignee: { id: string; name: string | null } | null;
}): Teammate[] {
  const statusOf = new Map(input.reps.map((rep) => [rep.userId, rep.status]));
  const byId = new Map<string, Teammate>();
  const add = (id: string, name: string) => {
    if (byId.has(id)) return;
    const isMe = id === input.me.id;
    byId.set(id, { id, name, status: isMe ? 'online' : (statusOf.get(id) ?? null), isMe });
  };
  for (const member of input.members) add(member.id, member.name);
  if (input.assignee?.name) add(input.assignee.id, input.assignee.name);
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
