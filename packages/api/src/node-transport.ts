import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { headersOf, log } from "@gatehouse/auth";

import { handleTRPCRequest, TRPC_ENDPOINT, type HandlerOptions } from "./http";
import { createSubscriptionTransport } from "./streams/sse-transport";

const PREFIX = `${TRPC_ENDPOINT}/`;
const JSONL = "application/jsonl";

/**
 * The production server's transport for the whole tRPC API, straight from
 * Node's HTTP server: subscriptions through the SSE transport, every other call
 * through handleTRPCRequest, the very handler the Next route handler calls.
 * Only Next's routing is left out, which cost more than a whole tRPC call
 * (README, "Where the time went, and what changed"). `next dev`, and any host
 * without server/index.mjs, keep the route handler.
 *
 * `serve(req, res)` returns false, having touched nothing, for whatever is not
 * a GET or POST of `/api/trpc/<procedures>`, or whose path is not valid
 * percent-encoding: Next answers those (404, 405, 400) as it always has.
 */
export function createNodeTransport(options: HandlerOptions = {}) {
  const serveSubscription = createSubscriptionTransport(options);
  return function serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!isCall(req)) return false;
    if (serveSubscription(req, res)) return true;
    const request = requestOf(req, res);
    handleTRPCRequest(request, options)
      .then((response) => send(response, res, asksForStream(request.headers)))
      .catch((error: unknown) => failed(error, res));
    return true;
  };
}

/** A GET or POST of one path segment under the endpoint (the route handler's `[trpc]`), decodable. */
function isCall(req: IncomingMessage): boolean {
  if ((req.method !== "GET" && req.method !== "POST") || !req.url?.startsWith(PREFIX)) return false;
  const path = req.url.slice(PREFIX.length).split("?")[0]!;
  if (path === "" || path.includes("/")) return false;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Node's request as a fetch Request. The body errors when the client aborts
 * mid-upload (so nothing waits for the rest forever); the signal fires when the
 * client goes away. The origin is fixed: only the path and query are read.
 */
function requestOf(req: IncomingMessage, res: ServerResponse): Request {
  const gone = new AbortController();
  res.once("close", () => gone.abort());
  const body = req.method === "POST" ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined;
  // From req.headers, not the raw ones: the server has replaced what a client may not set itself (its address).
  return new Request(new URL(req.url!, "http://localhost"), {
    method: req.method,
    headers: headersOf(req),
    body,
    signal: gone.signal,
    duplex: "half",
  } as RequestInit);
}

/** Whether tRPC answers with a stream: its own rule (trpc-accept, else Accept, names JSON Lines). */
function asksForStream(headers: Headers): boolean {
  const trpcAccept = headers.get("trpc-accept");
  if (trpcAccept !== null) return trpcAccept === JSONL;
  return (
    headers
      .get("accept")
      ?.split(",")
      .some((type) => type.trim() === JSONL) ?? false
  );
}

/** A fetch Response onto Node's; a streamed one piped as it comes, with backpressure. */
async function send(response: Response, res: ServerResponse, streamed: boolean): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  // tRPC's answers are whole strings already (one write), but for a client that asks for a stream (httpBatchStreamLink).
  if (!response.body || !streamed) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res);
}

/** The client left (nothing to answer), or something threw past tRPC's own error handling. */
function failed(error: unknown, res: ServerResponse): void {
  if (res.destroyed) return;
  log().error({ err: error }, "tRPC response failed");
  if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" }).end('{"error":"Internal server error"}');
  else res.destroy();
}
