import type { Changes, Listener } from "./types";

/** The listeners of one process, by topic. */
export class LocalListeners {
  readonly #topics = new Map<string, Set<Listener>>();
  readonly #missed = new Map<string, Set<() => void>>();

  subscribe(topic: string, listener: Listener): () => void {
    return addTo(this.#topics, topic, listener);
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

  get topics(): string[] {
    return [...this.#topics.keys()];
  }

  onMissed(topic: string, listener: () => void): () => void {
    return addTo(this.#missed, topic, listener);
  }

  /** Tells the topics' listeners that notices may have been lost. */
  missed(topics: string[]): void {
    for (const topic of topics) for (const listener of this.#missed.get(topic) ?? []) listener();
  }
}

function addTo<T>(byTopic: Map<string, Set<T>>, topic: string, listener: T): () => void {
  const listeners = byTopic.get(topic) ?? new Set();
  byTopic.set(topic, listeners.add(listener));
  return () => void listeners.delete(listener);
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
    onMissed: (topic, listener) => listeners.onMissed(topic, listener),
    close: () => Promise.resolve(),
  };
}
