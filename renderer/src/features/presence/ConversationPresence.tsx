import { useMemo } from 'react';
import { usePresence } from '../../api/presence';
import { PresenceStrip } from '../../components/PresenceStrip';
import { presenceIn } from '../../lib/team';

/**
 * Who else has this conversation open or is typing in it. Presence is a hint, not data the rep
 * acts on: while it loads or when the engine cannot tell, nothing is shown.
 */
export function ConversationPresence({ conversationId }: { conversationId: string }) {
  const presence = usePresence();
  const here = useMemo(() => presenceIn(conversationId, presence.data?.reps ?? []), [conversationId, presence.data]);
  return <PresenceStrip viewers={here.viewers} typing={here.typing} />;
}
