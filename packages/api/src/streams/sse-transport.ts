import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";

import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  isAbortError,
  isAsyncIterable,
  isTrackedEnvelope,
  sseHeaders,
  type AnyProcedure,
} from "@trpc/server/unstable-core-do-not-import";
import { headersOf, log } from "@gatehouse/auth";
import { TRPCError, type AnyTRPCRouter } from "@trpc/server";
import { isObservable, observableToAsyncIterable } from "@trpc/server/observable";

import { createTRPCContext, type Context } from "../context";
import { TRPC_ENDPOINT, type HandlerOptions } from "../http";
import { logUnexpectedError } from "../log-errors";
import { appRouter } from "../root";
import { t } from "../trpc";

/**
 * The production server's transport for subscriptions: the same procedures and
 * the same wire as tRPC's own SSE (httpSubscriptionLink cannot tell them
 * apart; sse-transport.test.ts compares them frame by frame), written straight
 * to Node's response. tRPC's fetch transport behind a Next route handler costs
 * each stream a pipeline of web streams, and each event in it a serialization
 * per stream and four chunks through four stages: with 1,000 streams a feed
 * change is 1,000 times that work, and the server falls seconds behind. Here a
 * value handed to many streams (a feed change is one object shared by all of
 * them) is serialized once, and each event is one write.
 *
 * `next dev`, and any host without server/index.mjs, keep tRPC's transport.
 * A subscription may return an async generator (as tRPC 11 recommends) or an
 * observable, as with tRPC's transport.
 */
const config = t._config;
const PREFIX = `${TRPC_ENDPOINT}/`;
const CONNECTED = `event: connected\ndata: ${JSON.stringify(config.sse?.client ?? {})}\n\n\n`;
const PING = "event: ping\ndata: \n\n\n";
const RETURN = "event: return\ndata: \n\n\n";

/**
 * The transport: `serve(req, res)` serves `req` if it is a subscription (a GET
 * of one subscription procedure of `router`) and returns true; otherwise it
 * returns false at once, having touched nothing. `router` is the app's, or
 * (in tests) another built with trpc.ts's instance, whose settings the
 * transport writes with.
 */
export function createSubscriptionTransport(options: HandlerOptions = {}, router: AnyTRPCRouter = appRouter) {
  if (router._def._config !== config) throw new Error("The subscription transport serves routers of trpc.ts's tRPC instance");
  // Keyed by full path ("post.onChange") at run time, whatever its type says; these routers have no lazy parts.
  const procedures = router._def.procedures as Record<string, AnyProcedure | undefined>;
  return function serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "GET" || !req.url?.startsWith(PREFIX)) return false;
    // Called by the server outside any error handling of Next's: a malformed path or header must be Next's
    // to answer (400, 404), never an exception here.
    let call: Call | null;
    try {
      call = subscriptionCall(req, res, procedures, options);
    } catch {
      return false;
    }
    if (call === null) return false;
    stream(call).catch((error: unknown) => {
      log().error({ err: error, procedure: call.path }, "subscription stream failed");
      res.destroy();
    });
    return true;
  };
}

/** The subscription `req` asks for, with its context; null when it asks for something else. */
function subscriptionCall(
  req: IncomingMessage,
  res: ServerResponse,
  procedures: Record<string, AnyProcedure | undefined>,
  options: HandlerOptions,
): Call | null {
  const url = new URL(req.url!, "http://localhost");
  const path = decodeURIComponent(url.pathname.slice(PREFIX.length));
  const procedure = procedures[path];
  if (procedure?._def.type !== "subscription") return null;
  // From req.headers, not the raw ones: the server has replaced what a client may not set itself (its address).
  const headers = headersOf(req);
  const resHeaders = new Headers();
  const ctx = createTRPCContext({ ...options, headers, resHeaders });
  return { res, path, procedure, ctx, resHeaders, getInput: () => inputOf(url.searchParams, headers) };
}

interface Call {
  res: ServerResponse;
  path: string;
  procedure: AnyProcedure;
  ctx: Context;
  /** Headers the context set (next-auth's refreshed session cookie). */
  resHeaders: Headers;
  getInput: () => unknown;
}

async function stream({ res, path, procedure, ctx, resHeaders, getInput }: Call) {
  const aborted = new AbortController();
  res.once("close", () => aborted.abort(new DOMException("The client went away", "AbortError")));

  let input: unknown;
  let values: AsyncIterable<unknown> | null = null;
  let failure: unknown = null;
  try {
    input = getInput();
    const result: unknown = await procedure({
      path,
      getRawInput: () => Promise.resolve(input),
      ctx,
      type: "subscription",
      signal: aborted.signal,
      batchIndex: 0,
    });
    values = iterableOf(result, path, aborted.signal);
  } catch (error) {
    failure = error;
  }
  if (res.destroyed) return;
  for (const [name, value] of Object.entries(sseHeaders)) res.setHeader(name, value);
  const cookies = resHeaders.getSetCookie();
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  res.writeHead(200);
  res.write(CONNECTED);
  const fail = (error: unknown) => res.write(errorEvent(error, { path, input, ctx }));
  if (values) {
    try {
      await pipe(values, res, aborted.signal);
      if (!res.destroyed) res.write(RETURN);
    } catch (error) {
      // Aborted: the client left, or the server is shutting down and ends the stream without "return", so
      // that the client reconnects elsewhere with its last event id (as tRPC's transport does).
      if (!isAbortError(error) && !res.destroyed) fail(error);
    }
  } else {
    fail(failure);
  }
  res.end();
}

/** What a subscription returned, as the values to send (tRPC's transport takes the same two kinds, with the same error). */
function iterableOf(result: unknown, path: string, signal: AbortSignal): AsyncIterable<unknown> {
  if (isObservable(result)) return observableToAsyncIterable(result, signal);
  if (isAsyncIterable(result)) return result;
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Subscription ${path} did not return an observable or a AsyncGenerator` });
}

/** Writes each value as an event, pinging when idle; waits for the socket when its buffer is full (backpressure). */
async function pipe(values: AsyncIterable<unknown>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const intervalMs = config.sse?.ping?.enabled ? (config.sse.ping.intervalMs ?? 1000) : 0;
  const ping =
    intervalMs > 0
      ? setTimeout(function beat() {
          res.write(PING);
          ping?.refresh();
        }, intervalMs)
      : null;
  try {
    for await (const value of values) {
      if (!res.write(dataEvent(value))) await once(res, "drain", { signal });
      ping?.refresh();
    }
  } finally {
    if (ping) clearTimeout(ping);
  }
}

/**
 * Serialized values by identity: one serialization per shared value, however
 * many streams write it. What a subscription yields must not be changed
 * afterwards (the hubs yield new objects each time), or later writes would
 * send the old JSON.
 */
const serialized = new WeakMap<object, string>();

function serialize(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(config.transformer.output.serialize(value));
  let json = serialized.get(value);
  if (json === undefined) {
    json = JSON.stringify(config.transformer.output.serialize(value));
    serialized.set(value, json);
  }
  return json;
}

function dataEvent(value: unknown): string {
  return isTrackedEnvelope(value) ? `data: ${serialize(value[1])}\nid: ${value[0]}\n\n\n` : `data: ${serialize(value)}\n\n\n`;
}

function errorEvent(cause: unknown, call: { path: string; input: unknown; ctx: Context }): string {
  const error = getTRPCErrorFromUnknown(cause);
  logUnexpectedError({ error, path: call.path });
  const shape = getErrorShape({ config, error, type: "subscription", ...call });
  return `event: serialized-error\ndata: ${serialize(shape)}\n\n\n`;
}

/** The call's input as tRPC reads it: the transformed `input` parameter, with the client's last event id merged in. */
function inputOf(params: URLSearchParams, headers: Headers): unknown {
  const raw = params.get("input");
  let input: unknown;
  try {
    input = raw === null ? undefined : config.transformer.input.deserialize(JSON.parse(raw));
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", cause });
  }
  const lastEventId = headers.get("last-event-id") ?? params.get("lastEventId") ?? params.get("Last-Event-Id");
  if (!lastEventId) return input;
  return typeof input === "object" && input !== null ? { ...input, lastEventId } : (input ?? { lastEventId });
}
