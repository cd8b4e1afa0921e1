import type { EventName, EventPayload } from '../../../shared/api';
import type { Engine } from '../api/engine';

/** Resolves with the next event `name` whose payload satisfies `match` (no sleeps in tests). */
export function nextEvent<N extends EventName>(
  engine: Pick<Engine, 'on'>,
  name: N,
  match: (payload: EventPayload<N>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventPayload<N>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No ${name} event matched within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = engine.on(name, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
