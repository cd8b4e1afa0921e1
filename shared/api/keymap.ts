import { z } from 'zod';
import { defineCall } from './define';

/**
 * A rep's remapped keyboard shortcuts. A binding is modifiers then the physical key's
 * `KeyboardEvent.code`, joined by "+" ("KeyJ", "Shift+KeyA", "Mod+Enter"; Mod is ⌘ on a Mac and
 * Ctrl elsewhere). Commands not listed keep their default keys (renderer/src/lib/keymap).
 */
export const KeyBinding = z
  .string()
  .max(60)
  .regex(/^((Mod|Ctrl|Meta|Alt|Shift)\+){0,4}[A-Z][A-Za-z0-9]{1,20}$/, 'Not a key binding, e.g. "Shift+KeyA".');

export const CommandId = z
  .string()
  .max(60)
  .regex(/^[a-z][A-Za-z]*(\.[A-Za-z0-9]+)+$/, 'Not a command id, e.g. "inbox.next".');

export const Keymap = z.object({
  bindings: z
    .record(CommandId, z.array(KeyBinding).max(4))
    .refine((bindings) => Object.keys(bindings).length <= 200, 'Too many remapped commands.')
    .superRefine((bindings, ctx) => {
      const seen = new Map<string, string>();
      for (const [command, keys] of Object.entries(bindings))
        for (const key of keys) {
          const other = seen.get(key);
          if (other !== undefined && other !== command)
            ctx.addIssue({ code: 'custom', message: `${key} is given to both ${other} and ${command}.` });
          seen.set(key, command);
        }
    }),
});
export type Keymap = z.infer<typeof Keymap>;

/** The signed-in rep's remaps ({} before any). */
export const keymapGet = defineCall('keymap:get', z.object({}), Keymap);
/** Replaces the signed-in rep's remaps; kept in this machine's cache across restarts and sign-outs. */
export const keymapSave = defineCall('keymap:save', Keymap, Keymap);

export const keymapCalls = {
  [keymapGet.name]: keymapGet,
  [keymapSave.name]: keymapSave,
} as const;
