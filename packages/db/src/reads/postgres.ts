import pg from "pg";

import type { Role } from "../generated/sqlite/enums";
import type { FeedEventType } from "../feed-log";
import type { FeedEventWithPost, PostWithAuthor, Reads, UserSession } from "./types";

const TIMESTAMP = 1114;
// `timestamp` columns hold UTC (Prisma writes UTC); node-postgres would read them as local time.
const parseUtc = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) =>
    oid === TIMESTAMP ? parseUtc : (pg.types.getTypeParser(oid) as (value: string) => unknown)) as pg.CustomTypesConfig["getTypeParser"],
};

const POST_COLUMNS = `p."id", p."title", p."content", p."createdAt", u."id" AS "authorId", u."name" AS "authorName", u."image" AS "authorImage"`;

interface PostRow {
  id: string;
  title: string;
  content: string;
  createdAt: Date;
  authorId: string;
  authorName: string | null;
  authorImage: string | null;
}

const toPost = ({ authorId, authorName, authorImage, ...post }: PostRow): PostWithAuthor => ({
  ...post,
  author: { id: authorId, name: authorName, image: authorImage },
});

/** A FeedEvent row, LEFT JOINed to its post: the post's columns are null when there is none. */
type FeedEventRow = { eventId: number; type: FeedEventType; postId: string; at: Date } & (PostRow | Record<keyof PostRow, null>);

const toFeedEvent = ({ eventId, type, postId, at, ...post }: FeedEventRow): FeedEventWithPost => ({
  event: { id: eventId, type, postId, at },
  post: post.id === null ? null : toPost(post),
});

// Named: each pooled connection prepares a statement once and reuses it.
export const POSTGRES_QUERIES = {
  session: `
    SELECT s."userId", s."expires", s."lastUsedAt", u."name", u."email", u."emailVerified", u."image", u."role"::text AS "role"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."sessionToken" = $1 AND u."disabledAt" IS NULL`,
  liveSessions: `
    SELECT "id", "createdAt", "expires", "lastUsedAt", "userAgent", "ip", "sessionToken" FROM "Session"
    WHERE "userId" = $1 AND "expires" > $2::timestamp ORDER BY "createdAt" DESC, "id" DESC`,
  byIds: `
    SELECT ${POST_COLUMNS} FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE p."id" = ANY($1::text[])`,
  firstPage: `
    SELECT ${POST_COLUMNS} FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    ORDER BY p."createdAt" DESC, p."id" DESC LIMIT $1`,
  nextPage: `
    SELECT ${POST_COLUMNS} FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE (p."createdAt", p."id") < ($1::timestamp, $2)
    ORDER BY p."createdAt" DESC, p."id" DESC LIMIT $3`,
  feedEventsAfter: `
    SELECT e."id" AS "eventId", e."type", e."postId", e."at", ${POST_COLUMNS}
    FROM "FeedEvent" e
    LEFT JOIN "Post" p ON p."id" = e."postId" AND e."type" = 'created'
    LEFT JOIN "User" u ON u."id" = p."authorId"
    WHERE e."id" > $1 ORDER BY e."id" ASC LIMIT $2`,
  latestFeedEvent: `SELECT COALESCE(MAX("id"), 0) AS "id" FROM "FeedEvent"`,
} as const;

/** On the app's own pool: only committed data, and DATABASE_POOL_MAX holds for everything. */
export function createPostgresReads(pool: pg.Pool): Reads {
  const query = async <Row extends pg.QueryResultRow>(name: keyof typeof POSTGRES_QUERIES, values: unknown[]) =>
    (await pool.query<Row>({ name: `gatehouse_${name}`, text: POSTGRES_QUERIES[name], values, types })).rows;
  return {
    sessionAndUser: async (token) => {
      type Row = {
        userId: string;
        expires: Date;
        lastUsedAt: Date;
        name: string | null;
        email: string | null;
        emailVerified: Date | null;
        image: string | null;
        role: Role;
      };
      const [row] = await query<Row>("session", [token]);
      if (!row) return null;
      const { userId, expires, lastUsedAt, ...user } = row;
      return { userId, expires, lastUsedAt, user: { id: userId, ...user } };
    },
    liveSessionsOf: (userId) => query<UserSession & pg.QueryResultRow>("liveSessions", [userId, new Date().toISOString()]),
    postsByIds: async (ids) => (ids.length === 0 ? [] : (await query<PostRow>("byIds", [ids])).map(toPost)),
    postsPage: async (cursor, take) =>
      (cursor
        ? await query<PostRow>("nextPage", [cursor.createdAt.toISOString(), cursor.id, take])
        : await query<PostRow>("firstPage", [take])
      ).map(toPost),
    feedEventsAfter: async (after, take) => (await query<FeedEventRow>("feedEventsAfter", [after, take])).map(toFeedEvent),
    latestFeedEventId: async () => (await query<{ id: number }>("latestFeedEvent", []))[0]!.id,
    // The pool is the Prisma client's: closed with it.
    close: () => Promise.resolve(),
  };
}
