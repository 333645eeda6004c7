import { changesOf, perClient, readsOf, type Db, type PostWithAuthor } from "@gatehouse/db";

import { env } from "../env";
import { POST_TOPIC } from "../post-changes";

/**
 * The feed's first page, which every visitor of the home page asks for, from
 * memory. Dropped at once, on every instance, when a post is created or deleted
 * (post-changes.ts). What it trades: an author's new name or picture shows in it
 * after FEED_CACHE_TTL_MS at the latest. Bounded: one entry per page size asked
 * for (1..51).
 */
export interface FeedPage {
  rows: PostWithAuthor[];
  /** The newest feed event when the rows were read: a subscription from there misses nothing. */
  eventId: number;
}

export interface FeedCache {
  /** The newest `take` posts. */
  firstPage: (take: number) => Promise<FeedPage>;
}

/** The event id first: a change between the two reads is then both in the rows and replayed, never neither. */
async function readFirstPage(db: Db, take: number): Promise<FeedPage> {
  const eventId = await readsOf(db).latestFeedEventId();
  return { eventId, rows: await readsOf(db).postsPage(null, take) };
}

function createFeedCache(db: Db, ttlMs: number): FeedCache {
  // The read's promise is stored before it runs, so a change that arrives while
  // it runs (clear) drops it too: a page read before a change is never kept.
  const pages = new Map<number, { page: Promise<FeedPage>; until: number }>();
  const clear = () => pages.clear();
  changesOf(db).subscribe(POST_TOPIC, clear);
  changesOf(db).onMissed(clear);
  return {
    firstPage: (take) => {
      const cached = pages.get(take);
      if (cached && cached.until > Date.now()) return cached.page;
      // Concurrent requests share one read; a failed read is not kept.
      const page = readFirstPage(db, take);
      pages.set(take, { page, until: Date.now() + ttlMs });
      page.catch(() => pages.get(take)?.page === page && pages.delete(take));
      return page;
    },
  };
}

export function feedCacheFor(db: Db, ttlMs: number = env.FEED_CACHE_TTL_MS): FeedCache {
  if (ttlMs <= 0) return { firstPage: (take) => readFirstPage(db, take) };
  return perClient(db, "api.feedCache", () => createFeedCache(db, ttlMs));
}
