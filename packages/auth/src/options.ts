import "./session-types";

import { db as defaultDb, readsOf, type Db, type SessionAndUser } from "@gatehouse/db";
import type { NextAuthOptions } from "next-auth";

import { createAdapter } from "./adapter";
import { auditInBackground } from "./audit";
import { sessionCacheFor, type SessionCacheOptions } from "./session-cache";
import { configuredProviders } from "./providers";
import { env } from "./env";
import { authSecret } from "./secret";

/**
 * next-auth's maxAge and updateAge: a session lasts `maxAgeSeconds` after its
 * last use (SESSION_MAX_AGE_SECONDS, 30 days), and use extends it at most every
 * thirtieth of that (a day), so that a lookup rarely writes.
 */
export function sessionAges(maxAgeSeconds: number = env.SESSION_MAX_AGE_SECONDS): { maxAge: number; updateAge: number } {
  return { maxAge: maxAgeSeconds, updateAge: Math.floor(maxAgeSeconds / 30) };
}

export const AUTH_PAGES = {
  signIn: "/auth/signin",
  verifyRequest: "/auth/verify-request",
  error: "/auth/error",
} as const;

/** The sign-in page, coming back to `callbackUrl` (a path on this app) afterwards. */
export function signInPath(callbackUrl: string): string {
  return `${AUTH_PAGES.signIn}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

export interface CreateAuthOptions {
  db: Db;
  /** The session cache's TTL and size; SESSION_CACHE_TTL_MS and SESSION_CACHE_MAX by default. */
  sessionCache?: SessionCacheOptions;
  /** The session lookup on a cache miss (tests count it); the one-query read by default. */
  sessionLookup?: (tokenHash: string) => Promise<SessionAndUser | null>;
  /** SESSION_MAX_AGE_SECONDS by default. */
  sessionMaxAgeSeconds?: number;
}

export function createAuthOptions({
  db,
  sessionCache,
  sessionLookup = (tokenHash) => readsOf(db).sessionAndUser(tokenHash),
  sessionMaxAgeSeconds,
}: CreateAuthOptions): NextAuthOptions {
  return {
    // The cache is made on first use: not at import (when `next build` loads this module without an environment).
    adapter: createAdapter(db, { cache: () => sessionCacheFor(db, sessionCache), lookup: sessionLookup }),
    secret: authSecret,
    providers: configuredProviders(),
    session: {
      strategy: "database",
      ...sessionAges(sessionMaxAgeSeconds),
    },
    // The app's own pages, in its style; next-auth's REST routes stay under /api/auth.
    pages: AUTH_PAGES,
    callbacks: {
      // Where to go after signing in or out: a path or a URL on this app, else its home page. next-auth's
      // own version throws on what is neither (a 500); a URL is handed back normalized (percent-encoded),
      // since next-auth also puts it in a cookie.
      redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
      session: ({ session, user }) => ({
        ...session,
        user: { ...session.user, id: user.id, role: user.role },
      }),
      // A disabled user is refused by every provider (next-auth's AccessDenied), before
      // any mail is sent for an email sign-in. A new address is not a user yet: no row.
      signIn: async ({ user, account }) => {
        const known = await db.user.findFirst({
          where: { OR: [{ id: user.id }, ...(user.email ? [{ email: user.email }] : [])] },
          select: { id: true, disabledAt: true },
        });
        if (!known?.disabledAt) return true;
        await auditInBackground(db, { action: "sign_in_failed", subjectId: known.id, outcome: "disabled", detail: account?.provider });
        return false;
      },
    },
    events: {
      signIn: ({ user, account }) =>
        auditInBackground(db, { action: "sign_in", actorId: user.id, subjectId: user.id, outcome: "success", detail: account?.provider }),
      // Database sessions: next-auth hands over the row it deleted.
      signOut: ({ session }) => {
        const userId = (session as { userId?: string } | null)?.userId ?? null;
        return auditInBackground(db, { action: "sign_out", actorId: userId, subjectId: userId, outcome: "success" });
      },
    },
  };
}

export function safeRedirect(url: string, baseUrl: string): string {
  try {
    const target = new URL(url, `${baseUrl}/`);
    const relative = url.startsWith("/") && !url.startsWith("//");
    return relative || target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
  } catch {
    return baseUrl;
  }
}

export const authOptions: NextAuthOptions = createAuthOptions({ db: defaultDb });
