import type { EventName, EventPayload } from '../../../shared/api';

export type Listener<N extends EventName> = (payload: EventPayload<N>) => void;

interface EventHub {
  on<N extends EventName>(name: N, listener: Listener<N>): () => void;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          (listener as Listener<typeof name>)(payload);
        } catch (error) {
          // One broken subscriber (a closed window) must not stop the others or the sync.
          onListenerError(error);
        }
      }
    },
  };
}
