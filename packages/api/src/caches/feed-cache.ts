import { changesOf, perClient, POST_TOPIC, readsOf, type Db, type PostCursor, type PostWithAuthor } from "@gatehouse/db";
import { LRUCache } from "lru-cache";

import { env } from "../env";

/**
 * The feed's pages, from memory: the first page, which every visitor of the
 * home page asks for, and the pages after a cursor. Those are shared too: every
 * reader who got the same first page (from this cache) scrolls through the same
 * cursors. Every page is dropped at once, on every instance, when a post is
 * created or deleted (`announcePostChange` in @gatehouse/db). What it trades: an author's new name or
 * picture shows after FEED_CACHE_TTL_MS at the latest. Bounded in posts held
 * (FEED_CACHE_MAX_POSTS, counted as each page's `take`), least recently used
 * pages go first.
 */
export interface FeedPage {
  rows: PostWithAuthor[];
  /** First page only: the newest feed event when the rows were read, so that a subscription from there misses nothing. */
  eventId: number | null;
}

export interface FeedCache {
  /** `take` posts, newest first: the newest (no cursor) or those after `cursor`. */
  page: (cursor: PostCursor | null, take: number) => Promise<FeedPage>;
}

/** The event id first: a change between the two reads is then both in the rows and replayed, never neither. */
async function readPage(db: Db, cursor: PostCursor | null, take: number): Promise<FeedPage> {
  if (cursor) return { rows: await readsOf(db).postsPage(cursor, take), eventId: null };
  const eventId = await readsOf(db).latestFeedEventId();
  return { eventId, rows: await readsOf(db).postsPage(null, take) };
}

const keyOf = (cursor: PostCursor | null, take: number) => (cursor ? `${take} ${cursor.createdAt.toISOString()} ${cursor.id}` : `${take}`);

function createFeedCache(db: Db, ttlMs: number, maxPosts: number): FeedCache {
  // The read's promise is stored before it runs, so a change that arrives while
  // it runs (clear) drops it too: a page read before a change is never kept.
  const pages = new LRUCache<string, { page: Promise<FeedPage>; take: number }>({
    ttl: ttlMs,
    maxSize: maxPosts,
    sizeCalculation: ({ take }) => take,
  });
  const clear = () => pages.clear();
  changesOf(db).subscribe(POST_TOPIC, clear);
  changesOf(db).onMissed(clear);
  return {
    page: (cursor, take) => {
      const key = keyOf(cursor, take);
      const cached = pages.get(key);
      if (cached) return cached.page;
      // Concurrent requests share one read; a failed read is not kept.
      const page = readPage(db, cursor, take);
      pages.set(key, { page, take });
      page.catch(() => pages.peek(key)?.page === page && pages.delete(key));
      return page;
    },
  };
}

export function feedCacheFor(db: Db, ttlMs: number = env.FEED_CACHE_TTL_MS, maxPosts: number = env.FEED_CACHE_MAX_POSTS): FeedCache {
  if (ttlMs <= 0) return { page: (cursor, take) => readPage(db, cursor, take) };
  return perClient(db, `api.feedCache ${ttlMs}/${maxPosts}`, () => createFeedCache(db, ttlMs, maxPosts));
}
