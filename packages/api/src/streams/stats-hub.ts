import { SESSION_TOPIC, type SessionChange } from "@gatehouse/auth";
import { changesOf, perClient, type Db } from "@gatehouse/db";

import { readAdminStats, type AdminStats } from "../admin-stats";
import { POST_TOPIC } from "../post-changes";

// Changes within this long are counted once: a burst of sign-ins is one read, not one each.
const SETTLE_MS = 250;
// Sessions also end by expiring, which nobody announces.
const REFRESH_MS = 30_000;

/**
 * The admin counts for this instance's admin.onStats streams: read again once
 * (however many admins watch) after posts or sessions change on any instance,
 * and handed out when they differ from the last.
 */
class StatsHub {
  readonly #listeners = new Set<(stats: AdminStats) => void>();
  #last: AdminStats | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {
    const soon = () => this.#soon();
    changesOf(db).subscribe(POST_TOPIC, soon);
    changesOf(db).subscribe(SESSION_TOPIC, (payload) => {
      if ((payload as SessionChange).reason !== "refreshed") soon();
    });
    changesOf(db).onMissed(soon);
    setInterval(soon, REFRESH_MS).unref();
  }

  /** Hands `listener` the counts now, then each time they change. */
  subscribe(listener: (stats: AdminStats) => void): () => void {
    this.#listeners.add(listener);
    void readAdminStats(this.db).then(listener, () => this.#soon());
    return () => {
      this.#listeners.delete(listener);
      // Nobody hears the counts meanwhile: the next watcher must not be measured against stale ones.
      if (this.#listeners.size === 0) this.#last = null;
    };
  }

  #soon(): void {
    if (this.#listeners.size === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      readAdminStats(this.db).then(
        (stats) => this.#deliver(stats),
        (error: unknown) => console.warn(`[streams] could not count for the admin page: ${(error as Error).message}`),
      );
    }, SETTLE_MS);
  }

  #deliver(stats: AdminStats): void {
    const last = this.#last;
    this.#last = stats;
    if (last && last.users === stats.users && last.posts === stats.posts && last.sessions === stats.sessions) return;
    for (const listener of this.#listeners) listener(stats);
  }
}

export const statsHubFor = (db: Db): StatsHub => perClient(db, "api.statsHub", () => new StatsHub(db));
