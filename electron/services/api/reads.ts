// Unread conversations and marking them read, per rep, kept in the cache across restarts.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { getConversationSummary } from '../db/conversations';
import type { Db } from '../db/open';
import { listUnread, markRead, readsSince } from '../db/reads';

interface ReadDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
}

type ReadHandlers = Pick<ApiHandlers, 'inbox:unread' | 'inbox:markRead'>;

export function readHandlers({ db, clock, requireUser }: ReadDeps): ReadHandlers {
  return {
    'inbox:unread': () => {
      const user = requireUser();
      return Promise.resolve(listUnread(db, user.id, user.teamIds, readsSince(db, user.id, clock())));
    },
    'inbox:markRead': ({ conversationId }) => {
      const user = requireUser();
      if (!getConversationSummary(db, conversationId)) {
        throw new CaredeskError('not_found', 'This conversation is not in your inbox (any more).');
      }
      // No inbox:changed: nothing but this rep's unread list changes, and the caller rereads it.
      markRead(db, user.id, conversationId);
      return Promise.resolve({});
    },
  };
}
