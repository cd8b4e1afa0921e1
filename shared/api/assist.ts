import { z } from 'zod';
import { defineCall } from './define';

/**
 * The optional language model that phrases suggested replies: any OpenAI-compatible
 * chat-completions endpoint. Off unless an admin turns it on on this machine; its key lives in the
 * OS keychain (or this launch's memory where there is none), never in the cache.
 */
export const AssistSettings = z.object({
  enabled: z.boolean(),
  /** The API's base URL, e.g. `https://api.example.com/v1`; `/chat/completions` is added. */
  url: z.string(),
  model: z.string(),
  /** Whether a key is stored; the key itself never leaves the engine. */
  hasKey: z.boolean(),
  /** Where the key is kept: see SessionInfo.secretStore. */
  keyStore: z.enum(['keychain', 'memory']),
});
export type AssistSettings = z.infer<typeof AssistSettings>;

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), 'Enter the endpoint as an http:// or https:// URL.');

export const SaveAssistSettings = z.object({
  enabled: z.boolean(),
  url: z.union([httpUrl, z.literal('')]),
  model: z.string().trim().max(200),
  /** A new key; omitted keeps the stored one, null removes it. */
  key: z.string().trim().min(1).max(500).nullable().optional(),
});
export type SaveAssistSettings = z.input<typeof SaveAssistSettings>;

/** What a test request to the endpoint found. */
export const AssistProbe = z.object({ ok: z.boolean(), message: z.string() });
export type AssistProbe = z.infer<typeof AssistProbe>;

export const assistGet = defineCall('assist:get', z.object({}), AssistSettings);
/** Admins only. Turning it on needs a URL, a model and a key. */
export const assistSave = defineCall('assist:save', SaveAssistSettings, AssistSettings);
/** Admins only: sends one short request with the saved settings and says what came back. */
export const assistTest = defineCall('assist:test', z.object({}), AssistProbe);

export const assistCalls = {
  [assistGet.name]: assistGet,
  [assistSave.name]: assistSave,
  [assistTest.name]: assistTest,
} as const;
