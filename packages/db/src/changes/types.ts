/**
 * Change notices between the app's parts, and between its instances: "the
 * sessions of user X changed", "the feed changed". Small payloads (ids, never
 * rows). Caches drop what a notice names; subscriptions (issue 12) fan it out.
 */
export type Listener = (payload: unknown) => void;

export interface Changes {
  /**
   * Delivers `payload` to this instance's listeners at once, then to every
   * other instance's (PostgreSQL). Never throws: a notice that cannot be sent
   * is logged, and the caches' TTL bounds how stale the others stay.
   */
  publish: (topic: string, payload: unknown) => Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe: (topic: string, listener: Listener) => () => void;
  /**
   * Resolves once this instance hears every notice published from then on
   * (PostgreSQL: its listener's LISTEN is in effect; at once on SQLite). The
   * server awaits it at start; tests, before they count what caches serve.
   * Rejects when the listener cannot connect (it goes on trying).
   */
  listening: () => Promise<void>;
  /**
   * Called after the instance may have missed notices (the PostgreSQL
   * listener's LISTEN took effect: at first, and after each reconnection):
   * caches flush, streams resynchronize. A listener hears every notice
   * published after it subscribed, or is told "missed" after it.
   */
  onMissed: (listener: () => void) => () => void;
  close: () => Promise<void>;
}
