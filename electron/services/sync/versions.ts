// What the engine makes of the server's version (shared/sync/README.md "Versions").
import { RefusalData } from '../../../shared/sync';

export type VersionProblem = 'update_required' | 'server_outdated';

export const UPDATE_REQUIRED_DETAIL =
  'This version of Caredesk can no longer sync with the server. Update Caredesk to keep syncing; your changes are kept until then.';

export function serverOutdatedDetail(serverUrl: string): string {
  return `The Caredesk server at ${serverUrl} runs an older version than this app. Syncing resumes once the server is updated.`;
}

/** A handshake refusal that is about versions, as an engine of `version` reads it; null for any other error. */
export function versionProblemOf(error: Error, version: number): VersionProblem | null {
  switch (error.message) {
    case 'update_required':
    case 'server_outdated':
      return error.message;
    case 'protocol_mismatch': {
      // Today's servers say this only to engines before version 3, with their range; servers
      // before version 3 say it, without one, to any engine but a version 2: this one is newer.
      const range = RefusalData.safeParse((error as Error & { data?: unknown }).data);
      return range.success && version < range.data.minCompatible ? 'update_required' : 'server_outdated';
    }
    default:
      return null;
  }
}
