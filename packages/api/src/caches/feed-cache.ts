import { changesOf, readsOf, type Db, type PostWithAuthor } from "@gatehouse/db";

import { env } from "../env";
import { POST_TOPIC } from "../post-changes";

/**
 * The feed's first page, which every visitor of the home page asks for, from
 * memory. Dropped at once, on every instance, when a post is created or deleted
 * (post-changes.ts). What it trades: an author's new name or picture shows in it
 * after FEED_CACHE_TTL_MS at the latest. Bounded: one entry per page size asked
 * for (1..51).
 */
export interface FeedCache {
  /** The newest `take` posts. */
  firstPage: (take: number) => Promise<PostWithAuthor[]>;
}

function createFeedCache(db: Db, ttlMs: number): FeedCache {
  // The read's promise is stored before it runs, so a change that arrives while
  // it runs (clear) drops it too: a page read before a change is never kept.
  const pages = new Map<number, { rows: Promise<PostWithAuthor[]>; until: number }>();
  const clear = () => pages.clear();
  changesOf(db).subscribe(POST_TOPIC, clear);
  changesOf(db).onMissed(clear);
  return {
    firstPage: (take) => {
      const cached = pages.get(take);
      if (cached && cached.until > Date.now()) return cached.rows;
      // Concurrent requests share one read; a failed read is not kept.
      const rows = readsOf(db).postsPage(null, take);
      pages.set(take, { rows, until: Date.now() + ttlMs });
      rows.catch(() => pages.get(take)?.rows === rows && pages.delete(take));
      return rows;
    },
  };
}

// One per client, on the client: every copy of this module (one per Next route bundle) shares it.
const CACHE = Symbol.for("gatehouse.api.feedCache");

export function feedCacheFor(db: Db, ttlMs: number = env.FEED_CACHE_TTL_MS): FeedCache {
  if (ttlMs <= 0) return { firstPage: (take) => readsOf(db).postsPage(null, take) };
  const holder = db as unknown as { [CACHE]?: FeedCache };
  return (holder[CACHE] ??= createFeedCache(db, ttlMs));
}
