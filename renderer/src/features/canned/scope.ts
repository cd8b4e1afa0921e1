import type { ResolutionView } from '../../../../shared/api';
import type { User } from '../../../../shared/domain';
import { mayWriteTeamLibrary } from '../../../../shared/sync';

/** Whether the rep may edit or delete it: their own, or a team's they lead. */
export function mayEdit(item: Pick<ResolutionView, 'ownerId' | 'teamId'>, user: User | null): boolean {
  if (!user) return false;
  return item.teamId === undefined ? item.ownerId === user.id : mayWriteTeamLibrary(user, item.teamId);
}

/** "Personal", or the team's name. */
export function scopeLabel(item: Pick<ResolutionView, 'teamId'>, teamName: (id: string) => string): string {
  return item.teamId === undefined ? 'Personal' : teamName(item.teamId);
}

/** What runs with the send, in words: "tag late, resolve". */
export function thenWords(then: ResolutionView['then']): string | null {
  if (!then) return null;
  const parts = [
    ...(then.tags ?? []).map((tag) => `tag ${tag}`),
    ...(then.status === 'closed' ? ['resolve'] : []),
    ...(then.snoozeHours ? [`snooze ${then.snoozeHours} h`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : null;
}
