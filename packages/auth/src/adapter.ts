import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Db, SessionAndUser } from "@gatehouse/db";
import type { Adapter, AdapterUser } from "next-auth/adapters";

import { recordDatabaseFailure } from "./database-failures";
import { announceSessionChange, hashToken, type SessionCache } from "./session-cache";

export interface AdapterOptions {
  cache: () => SessionCache;
  /** The lookup on a cache miss: the session and its user in one round trip. */
  lookup: (sessionToken: string) => Promise<SessionAndUser | null>;
}

/**
 * next-auth's Prisma adapter, with three changes:
 * - getSessionAndUser, which every request of a signed-in person runs, goes
 *   through the session cache and a one-query lookup;
 * - whatever changes a session or a user announces it, so every instance's
 *   cache drops what it held;
 * - every method reports a database outage before next-auth swallows it.
 *
 * @auth/prisma-adapter types its client parameter as `any` when the client is
 * generated to a custom output, and returns @auth/core's Adapter type: this is
 * the one place that crosses that seam.
 */
export function createAdapter(db: Db, { cache, lookup }: AdapterOptions): Adapter {
  const prisma = PrismaAdapter(db) as unknown as Required<Adapter>;
  const announce = (change: Parameters<typeof announceSessionChange>[1]) => announceSessionChange(db, change);
  return reportingFailures({
    ...prisma,
    getSessionAndUser: async (sessionToken) => {
      const found = await cache().getOrLoad(sessionToken, () => lookup(sessionToken));
      if (!found) return null;
      return { session: { sessionToken, userId: found.userId, expires: found.expires }, user: found.user as AdapterUser };
    },
    updateSession: async (session) => {
      const updated = await prisma.updateSession(session);
      await announce({ tokenHash: hashToken(session.sessionToken) });
      return updated;
    },
    deleteSession: async (sessionToken) => {
      await prisma.deleteSession(sessionToken);
      await announce({ tokenHash: hashToken(sessionToken) });
    },
    updateUser: async (user) => {
      const updated = await prisma.updateUser(user);
      await announce({ userId: user.id });
      return updated;
    },
    deleteUser: async (userId) => {
      await prisma.deleteUser(userId);
      await announce({ userId });
    },
  });
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
