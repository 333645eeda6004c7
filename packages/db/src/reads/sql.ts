import type { FeedEventType } from "../feed-log";
import type { FeedEventWithPost, PostWithAuthor } from "./types";

// What the hot reads say alike on both databases. Each dialect's file (sqlite.ts, postgres.ts) adds only what
// differs: placeholders, casts, how a list of ids is bound, and how its driver hands back a timestamp.

const POST_COLUMNS = `p."id", p."title", p."content", p."createdAt", u."id" AS "authorId", u."name" AS "authorName", u."image" AS "authorImage"`;

export const SQL = {
  /** A session and its user, what the session callback needs and no more. (CAST: PostgreSQL's role is an enum.) */
  selectSession: `
    SELECT s."userId", s."expires", s."lastUsedAt", u."name", u."email", u."emailVerified", u."image", CAST(u."role" AS TEXT) AS "role"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"`,
  /** Posts with their author, as PostRow. */
  selectPosts: `SELECT ${POST_COLUMNS} FROM "Post" p JOIN "User" u ON u."id" = p."authorId"`,
  /** The feed's order, which the (createdAt DESC, id DESC) index holds. */
  newestFirst: `ORDER BY p."createdAt" DESC, p."id" DESC`,
  /** FeedEvents with their created post (none for a delete, or a post deleted since), as FeedEventRow. */
  selectFeedEvents: `
    SELECT e."id" AS "eventId", e."type", e."postId", e."at", ${POST_COLUMNS}
    FROM "FeedEvent" e
    LEFT JOIN "Post" p ON p."id" = e."postId" AND e."type" = 'created'
    LEFT JOIN "User" u ON u."id" = p."authorId"`,
  selectLiveSessions: `SELECT "id", "createdAt", "expires", "lastUsedAt", "userAgent", "ip", "sessionToken" FROM "Session"`,
  latestFeedEvent: `SELECT COALESCE(MAX("id"), 0) AS "id" FROM "FeedEvent"`,
} as const;

/** A row of SQL.selectPosts; `T` is how the driver hands back a timestamp. */
export interface PostRow<T> {
  id: string;
  title: string;
  content: string;
  createdAt: T;
  authorId: string;
  authorName: string | null;
  authorImage: string | null;
}

/** A row of SQL.selectFeedEvents: the post's columns are null when there is none. */
export type FeedEventRow<T> = { eventId: number; type: FeedEventType; postId: string; at: T } & (
  PostRow<T> | Record<keyof PostRow<T>, null>
);

/** The row mappers of a driver whose timestamps `toDate` reads. */
export function rowMappers<T>(toDate: (value: T) => Date) {
  const toPost = ({ id, title, content, createdAt, authorId, authorName, authorImage }: PostRow<T>): PostWithAuthor => ({
    id,
    title,
    content,
    createdAt: toDate(createdAt),
    author: { id: authorId, name: authorName, image: authorImage },
  });
  const toFeedEvent = ({ eventId, type, postId, at, ...post }: FeedEventRow<T>): FeedEventWithPost => ({
    event: { id: eventId, type, postId, at: toDate(at) },
    post: post.id === null ? null : toPost(post),
  });
  return { toPost, toFeedEvent };
}
