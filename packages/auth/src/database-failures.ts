import { AsyncLocalStorage } from "node:async_hooks";

import type { NextApiHandler } from "next";

import { DATABASE_RETRY_AFTER_SECONDS, databaseErrorReason, isDatabaseUnavailable } from "@gatehouse/db";

/**
 * next-auth swallows its adapter's errors: with the database down, a session
 * lookup logs SESSION_ERROR and answers "anonymous" (a 401 where a 503 is the
 * truth), and a sign-in redirects to an error page. The adapter records an
 * outage here, per request, so the caller can report it as what it is.
 */
const failures = new AsyncLocalStorage<{ error?: Error }>();

/** Called by the adapter on every error it is about to throw. */
export function recordDatabaseFailure(error: unknown): void {
  const store = failures.getStore();
  if (store && !store.error && error instanceof Error && isDatabaseUnavailable(error)) store.error = error;
}

/** Runs `fn`; rethrows a database outage met inside it, even one next-auth swallowed. */
export async function throwingDatabaseFailures<T>(fn: () => Promise<T>): Promise<T> {
  const store: { error?: Error } = {};
  const result = await failures.run(store, fn);
  if (store.error) throw store.error;
  return result;
}

export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable. Try again in a few seconds.";

/**
 * Wraps a route handler: a database outage met on the way becomes a 503 with
 * Retry-After (what a load balancer and a client can act on), never a 500 or
 * a misleading 401. Anything else is left to the handler and Next.
 */
export function withDatabaseAvailability<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await throwingDatabaseFailures(() => handler(...args));
    } catch (error) {
      if (!isOutage(error)) throw error;
      return Response.json(
        { error: DATABASE_UNAVAILABLE_MESSAGE },
        { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } },
      );
    }
  };
}

/** The same for a Pages Router API route. */
export function withPagesDatabaseAvailability(handler: NextApiHandler): NextApiHandler {
  return async (req, res) => {
    try {
      await throwingDatabaseFailures(async () => {
        await handler(req, res);
      });
    } catch (error) {
      if (!isOutage(error) || res.headersSent) throw error;
      res.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS)).status(503).json({ error: DATABASE_UNAVAILABLE_MESSAGE });
    }
  };
}

function isOutage(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  console.warn(`[db] unavailable: ${databaseErrorReason(error)}`);
  return true;
}
