import Database from "better-sqlite3";

import type { Role } from "../generated/sqlite/enums";
import { BUSY_TIMEOUT_MS } from "../sqlite-adapter";
import { rowMappers, SQL, type FeedEventRow, type PostRow } from "./sql";
import type { PostCursor, Reads, UserSession } from "./types";

// Prisma stores SQLite dates as ISO-8601 text with an explicit +00:00 offset;
// compared as text, a bound value must be spelled the same way.
const toSQLiteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
// A column added with DEFAULT CURRENT_TIMESTAMP holds SQLite's own "YYYY-MM-DD HH:MM:SS" (UTC) for older rows.
const sqliteDate = (text: string) => new Date(text.includes("T") ? text : `${text.replace(" ", "T")}Z`);

export const SQLITE_QUERIES = {
  session: `${SQL.selectSession} WHERE s."sessionToken" = ? AND u."disabledAt" IS NULL`,
  liveSessions: `${SQL.selectLiveSessions} WHERE "userId" = ? AND "expires" > ? ORDER BY "createdAt" DESC, "id" DESC`,
  byIds: `${SQL.selectPosts} WHERE p."id" IN (SELECT value FROM json_each(?))`,
  firstPage: `${SQL.selectPosts} ${SQL.newestFirst} LIMIT ?`,
  // A row-value comparison: SQLite seeks the (createdAt DESC, id DESC) index to the cursor.
  nextPage: `${SQL.selectPosts} WHERE (p."createdAt", p."id") < (?, ?) ${SQL.newestFirst} LIMIT ?`,
  feedEventsAfter: `${SQL.selectFeedEvents} WHERE e."id" > ? ORDER BY e."id" ASC LIMIT ?`,
  latestFeedEvent: SQL.latestFeedEvent,
} as const;

interface SessionRow {
  userId: string;
  expires: string;
  lastUsedAt: string;
  name: string | null;
  email: string | null;
  emailVerified: string | null;
  image: string | null;
  role: Role;
}

const { toPost, toFeedEvent } = rowMappers(sqliteDate);

/**
 * A connection of its own (WAL: it reads the last commit, never a transaction
 * of the app's connection in flight), statements prepared once. better-sqlite3
 * is synchronous: each of these runs in microseconds, so it never holds the
 * event loop for long.
 */
export function createSQLiteReads(file: string): Reads {
  if (file === ":memory:") throw new Error("An in-memory SQLite database is one per connection: use a file");
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma("query_only = ON");
  const session = sqlite.prepare<[string], SessionRow>(SQLITE_QUERIES.session);
  const liveSessions = sqlite.prepare<
    [string, string],
    Record<"createdAt" | "expires" | "lastUsedAt", string> & Omit<UserSession, "createdAt" | "expires" | "lastUsedAt">
  >(SQLITE_QUERIES.liveSessions);
  const byIds = sqlite.prepare<[string], PostRow<string>>(SQLITE_QUERIES.byIds);
  const firstPage = sqlite.prepare<[number], PostRow<string>>(SQLITE_QUERIES.firstPage);
  const nextPage = sqlite.prepare<[string, string, number], PostRow<string>>(SQLITE_QUERIES.nextPage);
  const feedEventsAfter = sqlite.prepare<[number, number], FeedEventRow<string>>(SQLITE_QUERIES.feedEventsAfter);
  const latestFeedEvent = sqlite.prepare<[], { id: number }>(SQLITE_QUERIES.latestFeedEvent);

  return {
    sessionAndUser: (token) =>
      settle(() => {
        const row = session.get(token);
        if (!row) return null;
        const { userId, expires, lastUsedAt, emailVerified, ...user } = row;
        return {
          userId,
          expires: new Date(expires),
          lastUsedAt: sqliteDate(lastUsedAt),
          user: { id: userId, ...user, emailVerified: emailVerified === null ? null : new Date(emailVerified) },
        };
      }),
    liveSessionsOf: (userId) =>
      settle(() =>
        liveSessions.all(userId, toSQLiteDate(new Date())).map((row) => ({
          ...row,
          createdAt: new Date(row.createdAt),
          expires: new Date(row.expires),
          lastUsedAt: sqliteDate(row.lastUsedAt),
        })),
      ),
    postsByIds: (ids) => settle(() => (ids.length === 0 ? [] : byIds.all(JSON.stringify(ids)).map(toPost))),
    postsPage: (cursor: PostCursor | null, take: number) =>
      settle(() => (cursor ? nextPage.all(toSQLiteDate(cursor.createdAt), cursor.id, take) : firstPage.all(take)).map(toPost)),
    feedEventsAfter: (after, take) => settle(() => feedEventsAfter.all(after, take).map(toFeedEvent)),
    latestFeedEventId: () => settle(() => latestFeedEvent.get()!.id),
    close: () => settle(() => void sqlite.close()),
  };
}

/** better-sqlite3 is synchronous: a read's result, or its error, handed back as a promise (a failure rejects, never throws). */
function settle<T>(read: () => T): Promise<T> {
  return new Promise((resolve) => resolve(read()));
}
