import { readBodyWithin } from "@gatehouse/auth";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@gatehouse/db";
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { createTRPCContext, type CreateTRPCContextOptions } from "./context";
import { env } from "./env";
import { logUnexpectedError } from "./log-errors";
import { RetryAfter } from "./rate-limited";
import { appRouter } from "./root";

export const TRPC_ENDPOINT = "/api/trpc";

/** What a request is served with; the defaults are the app's database and next-auth's session. */
export type HandlerOptions = Omit<CreateTRPCContextOptions, "headers" | "resHeaders">;

/** Serves the app router for one fetch Request (GET and POST, batching on, both bounded). */
export async function handleTRPCRequest(req: Request, options: HandlerOptions = {}): Promise<Response> {
  const bounded = await withBoundedBody(req);
  if (bounded instanceof Response) return bounded;
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    router: appRouter,
    req: bounded,
    // More calls than this in one request: 400, before any of them runs.
    maxBatchSize: env.TRPC_MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createTRPCContext({ ...options, headers: req.headers, resHeaders }),
    onError: logUnexpectedError,
    responseMeta: ({ errors }) => retryHint(errors),
  });
}

/** A POST's body, read within TRPC_MAX_BODY_BYTES (413 past it), handed to tRPC as a request of its own. */
async function withBoundedBody(req: Request): Promise<Request | Response> {
  if (req.method !== "POST") return req;
  const body = await readBodyWithin(req, env.TRPC_MAX_BODY_BYTES);
  if (body instanceof Response) return body;
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}

/**
 * A database outage is a 503, a rate limit a 429 (their statuses come from the
 * error formatter in trpc.ts, so a batch that mixes them with successes stays
 * tRPC's 207): both say when to come back.
 */
function retryHint(errors: TRPCError[]): { headers?: Headers } {
  if (errors.some((error) => isDatabaseUnavailable(error.cause)))
    return { headers: new Headers({ "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) }) };
  const limited = errors.find((error) => error.cause instanceof RetryAfter);
  if (limited) return { headers: new Headers({ "Retry-After": String((limited.cause as RetryAfter).seconds) }) };
  return {};
}
