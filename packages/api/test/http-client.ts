import { createAuthOptions, getSessionFromHeaders, type SessionCacheOptions } from "@gatehouse/auth";
import type { Db, SessionAndUser } from "@gatehouse/db";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";

import { handleTRPCRequest, type AppRouter } from "../src";
import { transformer } from "../src/transformer";

/**
 * A typed tRPC client whose "network" is the real fetch handler, with
 * next-auth's getServerSession reading sessions from `db`: the HTTP path
 * without a Next server.
 */
export function httpClientFactory(db: Db, auth: TestAuth = {}) {
  const getSession = testGetSession(db, auth);
  return (headers: Record<string, string> = {}, network: Network = { requests: 0 }) => {
    const send = (url: string | URL | Request, init?: RequestInit) => {
      network.requests += 1;
      const request = new Request(url, init);
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return handleTRPCRequest(request, { db, getSession });
    };
    return createTRPCClient<AppRouter>({
      links: [
        // Subscriptions over SSE, read by a real EventSource, as the web app's client does.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({
            url: "http://app.test/api/trpc",
            transformer,
            EventSource,
            eventSourceOptions: () => ({ fetch: send }),
          }),
          false: httpBatchLink({ url: "http://app.test/api/trpc", transformer, fetch: (url, init) => send(url, init as RequestInit) }),
        }),
      ],
    });
  };
}

/** Counts the requests a client sends (a subscription that retries sends several). */
export interface Network {
  requests: number;
}

export interface TestAuth {
  sessionCache?: SessionCacheOptions;
  sessionLookup?: (token: string) => Promise<SessionAndUser | null>;
  sessionMaxAgeSeconds?: number;
}

/** next-auth's real getServerSession, reading sessions from `db`. */
export function testGetSession(db: Db, auth: TestAuth = {}) {
  const authOptions = createAuthOptions({ db, ...auth });
  return (headers: Headers, resHeaders?: Headers) => getSessionFromHeaders(headers, { resHeaders, authOptions });
}

export const sessionCookie = (token: string) => ({ cookie: `next-auth.session-token=${token}` });
