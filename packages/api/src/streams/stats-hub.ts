import { SESSION_TOPIC, type SessionChange } from "@gatehouse/auth";
import { changesOf, perClient, POST_TOPIC, type Db } from "@gatehouse/db";

import { readAdminStats, type AdminStats } from "../admin-stats";

// Changes within this long are counted once: a burst of sign-ins is one read, not one each.
const SETTLE_MS = 250;
// Sessions also end by expiring, which nobody announces.
const REFRESH_MS = 30_000;

/**
 * The admin counts for this instance's admin.onStats streams: read again once
 * (however many admins watch) after posts or sessions change on any instance,
 * and handed to each watcher when they differ from what it last heard.
 */
class StatsHub {
  readonly #watchers = new Set<Watcher>();
  /** Reads are numbered as they start: a watcher never hears an older read after a newer one. */
  #reads = 0;
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
    const watcher = new Watcher(listener);
    this.#watchers.add(watcher);
    const read = ++this.#reads;
    void readAdminStats(this.db).then(
      (stats) => watcher.hear(stats, read),
      () => this.#soon(),
    );
    return () => void this.#watchers.delete(watcher);
  }

  #soon(): void {
    if (this.#watchers.size === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const read = ++this.#reads;
      readAdminStats(this.db).then(
        (stats) => {
          for (const watcher of this.#watchers) watcher.hear(stats, read);
        },
        (error: unknown) => console.warn(`[streams] could not count for the admin page: ${(error as Error).message}`),
      );
    }, SETTLE_MS);
  }
}

/** One stream's listener, with what it last heard: the same counts are not sent twice, nor older ones after newer. */
class Watcher {
  #last: { stats: AdminStats; read: number } | null = null;

  constructor(private readonly listener: (stats: AdminStats) => void) {}

  hear(stats: AdminStats, read: number): void {
    const last = this.#last;
    if (last && (read < last.read || sameCounts(last.stats, stats))) return;
    this.#last = { stats, read };
    this.listener(stats);
  }
}

const sameCounts = (a: AdminStats, b: AdminStats) => a.users === b.users && a.posts === b.posts && a.sessions === b.sessions;

export const statsHubFor = (db: Db): StatsHub => perClient(db, "api.statsHub", () => new StatsHub(db));
