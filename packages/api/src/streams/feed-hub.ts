import { changesOf, perClient, feedLogOf, POST_TOPIC, readsOf, type Db, type FeedEventWithPost, type PostWithAuthor } from "@gatehouse/db";

import { env } from "../env";

/** What post.onChange tells a reader. `reset`: you missed more than can be replayed, read the feed again. */
export type FeedChange = { type: "created"; post: PostWithAuthor } | { type: "deleted"; id: string } | { type: "reset" };

/** A change and its FeedEvent id: the stream's event id, which a reconnecting reader sends back. */
export interface NumberedChange {
  id: number;
  change: FeedChange;
}

interface FeedHubOptions {
  /** How far back a reconnecting reader is replayed (FEED_REPLAY_WINDOW_MS). */
  windowMs: number;
}

// Events read per query when catching up.
const PAGE = 500;
/** A reader further behind than this many events reads the feed again (reset) rather than being replayed. */
export const REPLAY_MAX_EVENTS = 1_000;
// A notice that never arrives (its publish failed) delays its event by this much at most.
const POLL_MS = 5_000;

/**
 * The feed's changes for this instance's post.onChange streams. Every post
 * create and delete appends a FeedEvent in its transaction and then sends a
 * notice (in-process on SQLite, NOTIFY on PostgreSQL: small, ids only). On a
 * notice, this hub reads the new events once, with their posts in one query,
 * and hands them to every stream: one read per instance per change, however
 * many readers. After the PostgreSQL listener reconnects it reads whatever was
 * appended meanwhile, so an event is late, never lost.
 */
class FeedHub {
  readonly #listeners = new Set<(change: NumberedChange) => void>();
  /** The id of the last event handed out; null while nobody listens (the next reader starts from now). */
  #position: number | null = null;
  #starting: Promise<void> | null = null;
  #pumping = false;
  #again = false;

  constructor(
    private readonly db: Db,
    private readonly options: FeedHubOptions,
  ) {
    const pump = () => this.#pump();
    changesOf(db).subscribe(POST_TOPIC, pump);
    changesOf(db).onMissed(pump);
    setInterval(pump, POLL_MS).unref();
    // Any instance may purge; they all drop the same old rows.
    const purge = () =>
      void feedLogOf(db)
        .purge(new Date(Date.now() - options.windowMs))
        .catch(() => undefined);
    setInterval(purge, Math.min(60_000, options.windowMs)).unref();
  }

  /**
   * Hands `listener` every change from now on. Resolves to the id it starts
   * after, once known: what is replayed (replay) ends there.
   */
  async subscribe(listener: (change: NumberedChange) => void): Promise<{ after: number; unsubscribe: () => void }> {
    this.#listeners.add(listener);
    const unsubscribe = () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#position = null;
    };
    try {
      await this.#start();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return { after: this.#position!, unsubscribe };
  }

  /** The first reader fixes the position at the newest event, then catches up on anything that arrived meanwhile. */
  #start(): Promise<void> {
    if (this.#position !== null) return Promise.resolve();
    return (this.#starting ??= this.newest()
      .then((id) => {
        // Everyone may have left meanwhile: then the next reader starts from its own "now".
        if (this.#listeners.size > 0) this.#position ??= id;
        this.#pump();
      })
      .finally(() => (this.#starting = null)));
  }

  /**
   * The changes after event `after`, for a reader who reconnects; null when
   * they cannot all be replayed (older than the window, purged, unknown, or more
   * than REPLAY_MAX_EVENTS): the reader gets `reset`.
   */
  async replay(after: number): Promise<NumberedChange[] | null> {
    const [from, events] = await Promise.all([
      after === 0 ? null : feedLogOf(this.db).find(after),
      readsOf(this.db).feedEventsAfter(after, REPLAY_MAX_EVENTS + 1),
    ]);
    if (events.length === 0) return after === 0 || from ? [] : null;
    if (events.length > REPLAY_MAX_EVENTS) return null;
    if (after === 0) {
      // The feed was read before any event existed: all of them are news, unless some were purged since
      // (ids start at 1; PostgreSQL may skip one after a rollback, and then this resets needlessly, never wrongly).
      if (events[0]!.event.id !== 1) return null;
    } else if (!from || from.at.getTime() < Date.now() - this.options.windowMs) {
      return null;
    }
    return asChanges(events);
  }

  /** The newest event's id, whether or not this hub has handed it out yet. */
  newest(): Promise<number> {
    return readsOf(this.db).latestFeedEventId();
  }

  #pump(): void {
    if (this.#listeners.size === 0 || this.#position === null) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    this.#catchUp()
      .catch((error: unknown) => console.warn(`[streams] could not read the feed's events (retried): ${(error as Error).message}`))
      .finally(() => {
        this.#pumping = false;
        if (this.#again) {
          this.#again = false;
          this.#pump();
        }
      });
  }

  async #catchUp(): Promise<void> {
    for (;;) {
      const position = this.#position;
      if (position === null) return;
      const events = await readsOf(this.db).feedEventsAfter(position, PAGE);
      // Everyone left meanwhile, and a newcomer started from a later point: hand nothing out.
      if (this.#position !== position) return;
      this.#position = events.at(-1)?.event.id ?? position;
      for (const change of asChanges(events)) for (const listener of this.#listeners) listener(change);
      if (events.length < PAGE) return;
    }
  }
}

/** The events as changes. A created post deleted meanwhile is skipped: its delete follows. */
function asChanges(events: FeedEventWithPost[]): NumberedChange[] {
  return events.flatMap(({ event: { id, type, postId }, post }): NumberedChange[] => {
    if (type === "deleted") return [{ id, change: { type: "deleted", id: postId } }];
    return post ? [{ id, change: { type: "created", post } }] : [];
  });
}

export const feedHubFor = (db: Db): FeedHub => perClient(db, "api.feedHub", () => new FeedHub(db, { windowMs: env.FEED_REPLAY_WINDOW_MS }));
