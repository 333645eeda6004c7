import type { Changes, Listener } from "./types";

/** The listeners of one process, by topic. */
export class LocalListeners {
  readonly #topics = new Map<string, Set<Listener>>();
  readonly #missed = new Set<() => void>();

  subscribe(topic: string, listener: Listener): () => void {
    const listeners = this.#topics.get(topic) ?? new Set();
    this.#topics.set(topic, listeners.add(listener));
    return () => void listeners.delete(listener);
  }

  deliver(topic: string, payload: unknown): void {
    for (const listener of this.#topics.get(topic) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`[changes] a listener of ${topic} failed:`, error);
      }
    }
  }

  onMissed(listener: () => void): () => void {
    this.#missed.add(listener);
    return () => void this.#missed.delete(listener);
  }

  missed(): void {
    for (const listener of this.#missed) listener();
  }
}

/** SQLite: one instance, so its own listeners are everyone. (Other processes, such as scripts, are not reached.) */
export function createLocalChanges(): Changes {
  const listeners = new LocalListeners();
  return {
    publish: (topic, payload) => {
      listeners.deliver(topic, payload);
      return Promise.resolve();
    },
    subscribe: (topic, listener) => listeners.subscribe(topic, listener),
    listening: () => Promise.resolve(),
    onMissed: (listener) => listeners.onMissed(listener),
    close: () => Promise.resolve(),
  };
}
