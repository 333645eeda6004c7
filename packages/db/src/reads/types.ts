import type { FeedEvent } from "../feed-log";
import type { Role } from "../generated/sqlite/enums";

/** What next-auth's session callback needs of the user, and nothing else. */
export interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
  emailVerified: Date | null;
  image: string | null;
  role: Role;
}

export interface SessionAndUser {
  userId: string;
  expires: Date;
  /** Updated at most once a minute (for the sessions page), so a lookup rarely writes. */
  lastUsedAt: Date;
  user: SessionUser;
}

/** A live session of a user, as their sessions page lists it. */
export interface UserSession {
  id: string;
  createdAt: Date;
  expires: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The SHA-256 of the token, to mark the caller's own session. Never sent to a client. */
  sessionToken: string;
}

/** A post as the feed shows it. */
export interface PostWithAuthor {
  id: string;
  title: string;
  content: string;
  createdAt: Date;
  author: { id: string; name: string | null; image: string | null };
}

/** The Prisma `select` that reads a post as a PostWithAuthor: for writes that answer with the post, and tests. */
export const postWithAuthorSelect = {
  id: true,
  title: true,
  content: true,
  createdAt: true,
  author: { select: { id: true, name: true, image: true } },
} as const;

/** A FeedEvent with its post as the feed shows it: null for a delete, or a created post deleted since. */
export interface FeedEventWithPost {
  event: FeedEvent;
  post: PostWithAuthor | null;
}

/** The keyset of the feed's order (newest first): the last post of the previous page. */
export interface PostCursor {
  createdAt: Date;
  id: string;
}

/**
 * The hot-path reads, in hand-written SQL on the driver itself. A query through
 * Prisma's client engine costs 0.3-0.8 ms of CPU here against a few µs through
 * the driver (README, "Performance"): these run on every request that shows a
 * session or the feed. Everything else, and every write, goes through Prisma.
 * Only committed data is read (a connection of their own on SQLite, the pool on
 * PostgreSQL), and the same rows give the same results on both (tested).
 */
export interface Reads {
  /**
   * The session whose token hashes to `tokenHash` and its user, in one round
   * trip; null when there is none, or when the user is disabled.
   */
  sessionAndUser: (tokenHash: string) => Promise<SessionAndUser | null>;
  /** The user's sessions that have not expired, newest first. */
  liveSessionsOf: (userId: string) => Promise<UserSession[]>;
  /** The posts with these ids that exist, in no particular order. */
  postsByIds: (ids: readonly string[]) => Promise<PostWithAuthor[]>;
  /** Up to `take` posts, newest first, after `cursor` (from the newest when null): a keyset seek. */
  postsPage: (cursor: PostCursor | null, take: number) => Promise<PostWithAuthor[]>;
  /**
   * Up to `take` FeedEvents after event `after`, oldest first, each with its
   * post, in one round trip: what post.onChange streams read on every change.
   */
  feedEventsAfter: (after: number, take: number) => Promise<FeedEventWithPost[]>;
  /** The newest FeedEvent's id (0 when there is none): where a feed read stands in the stream of changes. */
  latestFeedEventId: () => Promise<number>;
  close: () => Promise<void>;
}
