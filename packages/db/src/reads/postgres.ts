import pg from "pg";

import type { Role } from "../generated/sqlite/enums";
import { rowMappers, SQL, type FeedEventRow, type PostRow } from "./sql";
import type { Reads, UserSession } from "./types";

const TIMESTAMP = 1114;
// `timestamp` columns hold UTC (Prisma writes UTC); node-postgres would read them as local time.
const parseUtc = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) =>
    oid === TIMESTAMP ? parseUtc : (pg.types.getTypeParser(oid) as (value: string) => unknown)) as pg.CustomTypesConfig["getTypeParser"],
};

const { toPost, toFeedEvent } = rowMappers((date: Date) => date);

// Named: each pooled connection prepares a statement once and reuses it.
export const POSTGRES_QUERIES = {
  session: `${SQL.selectSession} WHERE s."sessionToken" = $1 AND u."disabledAt" IS NULL`,
  liveSessions: `${SQL.selectLiveSessions} WHERE "userId" = $1 AND "expires" > $2::timestamp ORDER BY "createdAt" DESC, "id" DESC`,
  byIds: `${SQL.selectPosts} WHERE p."id" = ANY($1::text[])`,
  firstPage: `${SQL.selectPosts} ${SQL.newestFirst} LIMIT $1`,
  nextPage: `${SQL.selectPosts} WHERE (p."createdAt", p."id") < ($1::timestamp, $2) ${SQL.newestFirst} LIMIT $3`,
  feedEventsAfter: `${SQL.selectFeedEvents} WHERE e."id" > $1 ORDER BY e."id" ASC LIMIT $2`,
  latestFeedEvent: SQL.latestFeedEvent,
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
    postsByIds: async (ids) => (ids.length === 0 ? [] : (await query<PostRow<Date>>("byIds", [ids])).map(toPost)),
    postsPage: async (cursor, take) =>
      (cursor
        ? await query<PostRow<Date>>("nextPage", [cursor.createdAt.toISOString(), cursor.id, take])
        : await query<PostRow<Date>>("firstPage", [take])
      ).map(toPost),
    feedEventsAfter: async (after, take) => (await query<FeedEventRow<Date>>("feedEventsAfter", [after, take])).map(toFeedEvent),
    latestFeedEventId: async () => (await query<{ id: number }>("latestFeedEvent", []))[0]!.id,
    // The pool is the Prisma client's: closed with it.
    close: () => Promise.resolve(),
  };
}
