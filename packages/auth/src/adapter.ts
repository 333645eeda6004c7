import { PrismaAdapter } from "@auth/prisma-adapter";
import {
  announcePostChange,
  feedLogOf,
  hashSessionToken,
  hasPrismaCode,
  PRISMA_NOT_FOUND,
  type Db,
  type SessionAndUser,
} from "@gatehouse/db";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";

import { requestClient } from "./audit";
import { recordDatabaseFailure } from "./database-failures";
import { log } from "./request-context";
import { announceSessionChange, type SessionCache } from "./session-cache";

export interface AdapterOptions {
  cache: () => SessionCache;
  /** The lookup on a cache miss: the session (by the hash of its token) and its user, in one round trip. */
  lookup: (tokenHash: string) => Promise<SessionAndUser | null>;
}

/** A session's last use is written at most this often: a lookup rarely writes. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * next-auth's Prisma adapter, with these changes:
 * - session rows hold the SHA-256 of the token: next-auth hands us and gets
 *   back the raw token (it sets the cookie from it), the database never sees it;
 * - a new session records the browser (user agent) and address it came from;
 * - getSessionAndUser, which every request of a signed-in person runs, goes
 *   through the session cache and a one-query lookup, which ignores disabled
 *   users;
 * - whatever changes a session or a user announces it, so every instance's
 *   cache drops what it held; deleting a user takes their posts off the feed
 *   first, logged and announced (the database's cascade would do neither);
 * - every method reports a database outage before next-auth swallows it.
 *
 * @auth/prisma-adapter types its client parameter as `any` when the client is
 * generated to a custom output, and returns @auth/core's Adapter type: this is
 * the one place that crosses that seam.
 */
export function createAdapter(db: Db, { cache, lookup }: AdapterOptions): Adapter {
  const prisma = PrismaAdapter(db) as unknown as Required<Adapter>;
  const announce = (change: Parameters<typeof announceSessionChange>[1]) => announceSessionChange(db, change);
  const withToken = ({ userId, expires }: { userId: string; expires: Date }, sessionToken: string): AdapterSession => ({
    sessionToken,
    userId,
    expires,
  });
  return reportingFailures({
    ...prisma,
    createSession: async ({ sessionToken, userId, expires }) => {
      const { ip, userAgent } = await requestClient();
      await db.session.create({
        data: { sessionToken: hashSessionToken(sessionToken), userId, expires, ip, userAgent },
      });
      await announce({ userId, reason: "signed_in" });
      return { sessionToken, userId, expires };
    },
    getSessionAndUser: async (sessionToken) => {
      const tokenHash = hashSessionToken(sessionToken);
      const found = await cache().getOrLoad(tokenHash, () => lookup(tokenHash));
      if (!found) return null;
      if (Date.now() - found.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
        // On the cached entry too: one write per session per interval, not one per cache hit until it expires.
        found.lastUsedAt = new Date();
        touch(db, tokenHash);
      }
      return { session: withToken(found, sessionToken), user: found.user as AdapterUser };
    },
    updateSession: async ({ sessionToken, expires }) => {
      const tokenHash = hashSessionToken(sessionToken);
      const updated = await db.session.update({ where: { sessionToken: tokenHash }, data: { expires } });
      await announce({ tokenHash, userId: updated.userId, reason: "refreshed" });
      return withToken(updated, sessionToken);
    },
    // What it returns is what next-auth's signOut event gets: the audit trail needs its user.
    deleteSession: async (sessionToken) => {
      const tokenHash = hashSessionToken(sessionToken);
      // Delete and return the row in one call, not a read then a delete: of two sign-outs racing on one session,
      // only one gets its row (and audits it).
      const row = await db.session
        .delete({ where: { sessionToken: tokenHash }, select: { userId: true, expires: true } })
        .catch(nullIfNotFound);
      await announce({ tokenHash, userId: row?.userId, reason: "signed_out" });
      return row ? withToken(row, sessionToken) : null;
    },
    updateUser: async (user) => {
      const updated = await prisma.updateUser(user);
      await announce({ userId: user.id, reason: "user_updated" });
      return updated;
    },
    // Their posts leave the feed as post.delete's do: logged with the deletion, then announced.
    deleteUser: async (userId) => {
      const { user, postIds } = await db.$transaction(async (tx) => {
        const postIds = await feedLogOf(db).deleteAuthorPosts(tx, userId);
        return { user: await tx.user.delete({ where: { id: userId } }), postIds };
      });
      if (postIds.length > 0) await announcePostChange(db, { type: "authorDeleted", authorId: userId });
      await announce({ userId, reason: "user_deleted" });
      return user as AdapterUser;
    },
  });
}

/** Prisma's "no such record" as null; any other error stays one. */
function nullIfNotFound(error: unknown): null {
  if (hasPrismaCode(error, PRISMA_NOT_FOUND)) return null;
  throw error;
}

/** Records the session's use, without making the request wait for the write. */
function touch(db: Db, tokenHash: string): void {
  const now = new Date();
  db.session
    .updateMany({
      where: { sessionToken: tokenHash, lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } },
      data: { lastUsedAt: now },
    })
    .catch((error: unknown) => log().warn({ err: error }, "could not record a session's last use"));
}

function reportingFailures(adapter: Adapter): Adapter {
  const methods = adapter as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await method(...args);
        } catch (error) {
          recordDatabaseFailure(error);
          throw error;
        }
      },
    ]),
  );
}
