import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { createAuthOptions, getSessionFromHeaders, type SessionCacheOptions } from "@gatehouse/auth";
import type { Db, SessionAndUser } from "@gatehouse/db";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";

import { handleTRPCRequest, type AppRouter } from "../src";
import { createNodeTransport } from "../src/node-transport";
import { transformer } from "../src/transformer";

/**
 * Who serves the calls: tRPC's fetch handler (as the Next route handler does
 * under `next dev`), or the production server's own transport
 * (node-transport.ts) over a real Node HTTP server on 127.0.0.1.
 */
export type Transport = "fetch" | "node";
export const TRANSPORTS: Transport[] = ["fetch", "node"];

/**
 * Sends one request to the real handler, with next-auth's getServerSession
 * reading sessions from `db`: the HTTP path without a Next server. Only the
 * path and query of `url` are kept.
 */
export function apiSender(db: Db, auth: TestAuth = {}, transport: Transport = "fetch") {
  const getSession = testGetSession(db, auth);
  const nodeOrigin = transport === "node" ? listenWith(createNodeTransport({ db, getSession })).then(({ origin }) => origin) : null;
  return async (url: string | URL, init?: RequestInit, headers: Record<string, string> = {}): Promise<Response> => {
    const { pathname, search } = new URL(url, "http://app.test");
    const request = new Request(new URL(pathname + search, (await nodeOrigin) ?? "http://app.test"), init);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    return nodeOrigin ? fetch(request) : handleTRPCRequest(request, { db, getSession });
  };
}

/** A typed tRPC client over apiSender. */
export function httpClientFactory(db: Db, auth: TestAuth = {}, transport: Transport = "fetch") {
  const send = apiSender(db, auth, transport);
  return (headers: Record<string, string> = {}, network: Network = { requests: 0 }) => {
    const counted = (url: string | URL | Request, init?: RequestInit) => {
      network.requests += 1;
      return send(url instanceof Request ? url.url : url, init, headers);
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
            eventSourceOptions: () => ({ fetch: counted }),
          }),
          false: httpBatchLink({ url: "http://app.test/api/trpc", transformer, fetch: (url, init) => counted(url, init as RequestInit) }),
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

/** A Node HTTP server on 127.0.0.1 in front of a transport's `serve`: what it declines is a 404 marked X-Declined. */
export async function listenWith(serve: (req: IncomingMessage, res: ServerResponse) => boolean) {
  const server = createServer((req, res) => {
    if (!serve(req, res)) res.writeHead(404, { "X-Declined": "1" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Open streams must not keep the test process alive.
  server.unref();
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Those of `requests` that the server behind listenWith served rather than declined, as "METHOD path". */
export async function servedOf(origin: string, requests: ReadonlyArray<readonly [method: string, path: string]>): Promise<string[]> {
  const served: string[] = [];
  for (const [method, path] of requests) {
    const response = await fetch(`${origin}${path}`, { method });
    if (response.headers.get("x-declined") !== "1") served.push(`${method} ${path}`);
  }
  return served;
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
