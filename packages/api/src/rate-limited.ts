import { limiterOf, type Db, type Limit } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

/** The cause of a TOO_MANY_REQUESTS: how long to wait, which http.ts sends as Retry-After. */
export class RetryAfter extends Error {
  constructor(readonly seconds: number) {
    super(`Retry after ${seconds} s`);
  }
}

/** Counts one action of `key` against `limit`; past it, TOO_MANY_REQUESTS and nothing else happens. */
export async function enforceLimit(db: Db, name: string, limit: Limit, key: string): Promise<void> {
  const verdict = await limiterOf(db, name, limit).consume(key);
  if (verdict.allowed) return;
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many requests. Try again in ${verdict.retryAfterSeconds} seconds.`,
    cause: new RetryAfter(verdict.retryAfterSeconds),
  });
}
