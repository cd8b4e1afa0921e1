// The language-model settings of this machine: anyone signed in may read them, admins change them.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError, type User } from '../../../shared/domain';
import { AssistError, chat, type ChatFetch } from '../assist/client';
import { PHRASE_TIMEOUT_MS } from '../assist/phrase';
import type { AssistSettingsStore } from '../assist/settings';

interface AssistDeps {
  settings: AssistSettingsStore;
  requireUser: () => User;
  fetch?: ChatFetch;
}

type AssistHandlers = Pick<ApiHandlers, 'assist:get' | 'assist:save' | 'assist:test'>;

export function assistHandlers(deps: AssistDeps): AssistHandlers {
  const requireAdmin = (): User => {
    const user = deps.requireUser();
    if (user.role !== 'admin')
      throw new CaredeskError('forbidden', 'Only an admin can change the language-model settings.');
    return user;
  };
  return {
    'assist:get': () => {
      deps.requireUser();
      return deps.settings.read();
    },
    'assist:save': (input) => {
      requireAdmin();
      return deps.settings.save(input);
    },
    'assist:test': async () => {
      requireAdmin();
      const target = await deps.settings.target();
      if (target === null)
        return { ok: false, message: 'Turn the language model on and save a URL, a model and a key first.' };
      const started = performance.now();
      try {
        await chat(
          {
            ...target,
            messages: [{ role: 'user', content: 'Reply with the single word: ready' }],
            signal: AbortSignal.timeout(PHRASE_TIMEOUT_MS),
          },
          deps.fetch,
        );
        return { ok: true, message: `${target.model} answered in ${Math.round(performance.now() - started)} ms.` };
      } catch (error) {
        if (!(error instanceof AssistError)) throw error;
        return { ok: false, message: error.message };
      }
    },
  };
}
