// This machine's language-model settings: the endpoint and model in the cache's meta table (kept
// across sign-outs: they belong to the install), the key in the secret store.
import { z } from 'zod';
import type { AssistSettings, SaveAssistSettings } from '../../../shared/api/assist';
import { CaredeskError } from '../../../shared/domain';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';
import type { SecretStore } from '../session/secret-store';

const AssistConfig = z.object({ enabled: z.boolean(), url: z.string(), model: z.string() });
export type AssistConfig = z.infer<typeof AssistConfig>;

const OFF: AssistConfig = { enabled: false, url: '', model: '' };

/** What is needed to ask the model: null while it is off or incomplete. */
export interface AssistTarget {
  url: string;
  model: string;
  key: string;
}

export interface AssistSettingsStore {
  read(): Promise<AssistSettings>;
  save(input: SaveAssistInput): Promise<AssistSettings>;
  /** The endpoint to use, or null when the model is off (then nothing leaves the machine). */
  target(): Promise<AssistTarget | null>;
}

/** SaveAssistSettings as parsed: `key` omitted keeps the stored one, null removes it. */
export type SaveAssistInput = z.output<typeof SaveAssistSettings>;

export function createAssistSettings(db: Db, secrets: SecretStore, installId: string): AssistSettingsStore {
  const account = `assist:${installId}`;
  // Read from the keychain once and kept for this launch: suggestions ask for it on every conversation opened.
  let storedKey: Promise<string | null> | null = null;
  const key = (): Promise<string | null> =>
    (storedKey ??= secrets.get(account).catch((error: unknown) => {
      storedKey = null; // a locked keychain is asked again next time
      throw error;
    }));

  function config(): AssistConfig {
    const stored = getMeta(db, 'assist_config');
    if (stored === null) return OFF;
    const parsed = AssistConfig.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : OFF;
  }

  async function view(): Promise<AssistSettings> {
    return { ...config(), hasKey: (await key()) !== null, keyStore: secrets.kind };
  }

  return {
    read: view,
    async save(input) {
      if (input.enabled) {
        const missing = [
          input.url ? null : 'the endpoint URL',
          input.model ? null : 'the model',
          input.key === null || (input.key === undefined && (await key()) === null) ? 'a key' : null,
        ].filter((part): part is string => part !== null);
        if (missing.length > 0)
          throw new CaredeskError('invalid_input', `To turn the language model on, enter ${missing.join(' and ')}.`);
      }
      // The key first: if the keychain refuses it, the settings stay as they were.
      if (input.key === null) await secrets.delete(account);
      else if (input.key !== undefined) await secrets.set(account, input.key);
      if (input.key !== undefined) storedKey = Promise.resolve(input.key);
      setMeta(db, 'assist_config', JSON.stringify({ enabled: input.enabled, url: input.url, model: input.model }));
      return view();
    },
    async target() {
      const { enabled, url, model } = config();
      if (!enabled || !url || !model) return null;
      const stored = await key();
      return stored === null ? null : { url, model, key: stored };
    },
  };
}
