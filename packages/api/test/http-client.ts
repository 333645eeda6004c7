import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { createAuthOptions, getSessionFromHeaders, type SessionCacheOptions } from "@gatehouse/auth";
import type { Db, SessionAndUser } from "@gatehouse/db";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";

import { handleTRPCRequest, type AppRouter } from "../src";
import { createSubscriptionTransport, type SubscriptionTransportOptions } from "../src/streams/sse-transport";
import { transformer } from "../src/transformer";

/**
 * Who serves subscriptions: tRPC's fetch handler (as the Next route handler
 * does under `next dev`), or the production server's own transport
 * (sse-transport.ts) over a real Node HTTP server on 127.0.0.1.
 */
export type Transport = "fetch" | "node";
export const TRANSPORTS: Transport[] = ["fetch", "node"];

/**
 * A typed tRPC client whose "network" is the real fetch handler, with
 * next-auth's getServerSession reading sessions from `db`: the HTTP path
 * without a Next server.
 */
export function httpClientFactory(db: Db, auth: TestAuth = {}, transport: Transport = "fetch") {
  const getSession = testGetSession(db, auth);
  const subscriptionOrigin = transport === "node" ? listen({ db, getSession }) : null;
  return (headers: Record<string, string> = {}, network: Network = { requests: 0 }) => {
    const send = (url: string | URL | Request, init?: RequestInit) => {
      network.requests += 1;
      const request = new Request(url, init);
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return handleTRPCRequest(request, { db, getSession });
    };
    const subscribe = async (url: string | URL | Request, init?: RequestInit) => {
      if (!subscriptionOrigin) return send(url, init);
      network.requests += 1;
      const { pathname, search } = new URL(url instanceof Request ? url.url : url);
      const request = new Request(new URL(pathname + search, await subscriptionOrigin), init);
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return fetch(request);
    };
    return createTRPCClient<AppRouter>({
      links: [
        // Subscriptions over SSE, read by a real EventSource, as the web app's client does.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({
            url: "http://app.test/api/trpc",
            transformer,
            EventSource: SpecEventSource,
            eventSourceOptions: () => ({ fetch: subscribe }),
          }),
          false: httpBatchLink({ url: "http://app.test/api/trpc", transformer, fetch: (url, init) => send(url, init as RequestInit) }),
        }),
      ],
    });
  };
}

/**
 * eventsource's EventSource, but firing no more messages once closed, as the
 * HTML spec and browsers do. eventsource 4.1 still parses a chunk it had read
 * before close(), and tRPC's link then enqueues into a stream it has closed (an
 * uncaught TypeError), which over a real socket happens when a test stops a
 * stream in the middle of a burst.
 */
class SpecEventSource extends EventSource {
  override dispatchEvent(event: Event): boolean {
    return event instanceof MessageEvent && this.readyState === this.CLOSED ? false : super.dispatchEvent(event);
  }
}

/** A Node HTTP server on 127.0.0.1 that serves subscriptions with the production server's transport; resolves to its origin. */
async function listen(options: SubscriptionTransportOptions): Promise<string> {
  const serve = createSubscriptionTransport(options);
  const server = createServer((req, res) => {
    if (!serve(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Open streams must not keep the test process alive.
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
