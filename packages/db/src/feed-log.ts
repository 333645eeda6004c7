import type { Db } from "./client";
import type { Prisma } from "./generated/sqlite/client";
import type { Provider } from "./provider";

export type FeedEventType = "created" | "deleted";

export interface FeedEvent {
  id: number;
  type: FeedEventType;
  postId: string;
  at: Date;
}

/**
 * The FeedEvent table: what happened to the feed, in commit order. A reader
 * who has seen event n has seen everything before it, so "everything after n"
 * is a gap-free replay (readsOf(db).feedEventsAfter reads it). It is never emptied once written: an empty table means
 * no event ever happened, so a reader at 0 has missed nothing.
 */
export interface FeedLog {
  /** Appends an event inside the caller's transaction, which must commit right after. */
  append: (tx: Prisma.TransactionClient, type: FeedEventType, postId: string) => Promise<void>;
  /**
   * Deletes every post of an author inside the caller's transaction, appending a "deleted" event for each, and
   * returns their ids. Call it before deleting the author: the cascade would take their posts off the feed with
   * no event, so that streams and their replays would keep showing them.
   */
  deleteAuthorPosts: (tx: Prisma.TransactionClient, authorId: string) => Promise<string[]>;
  /** Event `id`, if it is still kept: a reader who saw it can be replayed from it. */
  find: (id: number) => Promise<FeedEvent | null>;
  /** Drops the events older than `before` (and any before them) but the newest; returns how many. */
  purge: (before: Date) => Promise<number>;
}

// Any fixed number: the lock that orders the appends of every instance.
const APPEND_LOCK = 7_305_220_112;

export function createFeedLog(db: Db, provider: Provider): FeedLog {
  /** One lock and one INSERT, however many events. */
  const appendAll = async (tx: Prisma.TransactionClient, type: FeedEventType, postIds: string[]) => {
    if (postIds.length === 0) return;
    // PostgreSQL hands out ids when rows are inserted, not when they commit: id 11 may commit before
    // id 10, and a reader who saw 11 would never see 10. Holding this lock from the insert to the commit
    // makes id order commit order. SQLite has one writer at a time already.
    if (provider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    await tx.feedEvent.createMany({ data: postIds.map((postId) => ({ type, postId })) });
  };
  return {
    append: (tx, type, postId) => appendAll(tx, type, [postId]),
    deleteAuthorPosts: async (tx, authorId) => {
      // PostgreSQL: the author's row locked first, so that a post of theirs being created now waits for this
      // transaction (then fails on its missing author) instead of being deleted by the cascade, unlogged.
      // SQLite: the DELETE takes the database's one write lock, which holds until the commit.
      if (provider === "postgresql") await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${authorId} FOR UPDATE`;
      const deleted = await tx.$queryRaw<{ id: string }[]>`DELETE FROM "Post" WHERE "authorId" = ${authorId} RETURNING "id"`;
      const postIds = deleted.map(({ id }) => id);
      await appendAll(tx, "deleted", postIds);
      return postIds;
    },
    find: async (id) => (await db.feedEvent.findUnique({ where: { id } })) as FeedEvent | null,
    purge: async (before) => {
      // Up to an id, never by date alone: what is kept stays one unbroken run, so finding n means every
      // event after n is there (two transactions' clocks need not follow their ids). The newest event
      // always stays: the id sequence's position outlives a quiet feed (see FeedLog).
      const newest = await db.feedEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
      if (!newest) return 0;
      const last = await db.feedEvent.findFirst({
        where: { at: { lt: before }, id: { lt: newest.id } },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      return last ? (await db.feedEvent.deleteMany({ where: { id: { lte: last.id } } })).count : 0;
    },
  };
}
