import { z } from 'zod';
import { Tag } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { storableText } from '../text';
import { onConversation } from './define';
import type { ConversationActionDefinition } from './define';

export const TagAction = z.object({
  type: z.literal('tag'),
  ...onConversation,
  tag: storableText(Tag),
  on: z.boolean(),
});
export type TagAction = z.infer<typeof TagAction>;

/** Tags one conversation may carry. */
export const MAX_TAGS = 20;

/** As the schema stores it (the renderer applies actions before they are parsed). */
const normal = (tag: string) => tag.trim().toLowerCase();

export const tag: ConversationActionDefinition<TagAction> = {
  scope: 'conversation',
  schema: TagAction,
  users: () => [],
  apply: (conversation, action) => {
    const tags = new Set(conversation.tags);
    if (action.on) tags.add(normal(action.tag));
    else tags.delete(normal(action.tag));
    return { ...conversation, tags: [...tags].sort() };
  },
  check: (action, { conversation }) => {
    const adds = action.on && !conversation.tags.includes(normal(action.tag));
    if (adds && conversation.tags.length >= MAX_TAGS) {
      throw new CaredeskError('invalid_input', `A conversation can have at most ${MAX_TAGS} tags.`);
    }
  },
  describe: (action) => (action.on ? `Tag “${normal(action.tag)}”` : `Remove tag “${normal(action.tag)}”`),
};
