import { createAuthOptions, getSessionFromHeaders, type SessionCacheOptions } from "@gatehouse/auth";
import type { Db, SessionAndUser } from "@gatehouse/db";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

import { handleTRPCRequest, type AppRouter } from "../src";
import { transformer } from "../src/transformer";

/**
 * A typed tRPC client whose "network" is the real fetch handler, with
 * next-auth's getServerSession reading sessions from `db`: the HTTP path
 * without a Next server.
 */
export function httpClientFactory(db: Db, auth: TestAuth = {}) {
  const getSession = testGetSession(db, auth);
  return (headers: Record<string, string> = {}) =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "http://app.test/api/trpc",
          transformer,
          headers,
          fetch: (url, init) =>
            handleTRPCRequest(new Request(url, init as RequestInit), { db, getSession }),
        }),
      ],
    });
}

export interface TestAuth {
  sessionCache?: SessionCacheOptions;
  sessionLookup?: (token: string) => Promise<SessionAndUser | null>;
}

/** next-auth's real getServerSession, reading sessions from `db`. */
export function testGetSession(db: Db, auth: TestAuth = {}) {
  const authOptions = createAuthOptions({ db, ...auth });
  return (headers: Headers, resHeaders?: Headers) => getSessionFromHeaders(headers, { resHeaders, authOptions });
}

export const sessionCookie = (token: string) => ({ cookie: `next-auth.session-token=${token}` });
