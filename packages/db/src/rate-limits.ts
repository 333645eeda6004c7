import { createHash } from "node:crypto";

import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

import type { Limit } from "./limit-setting";

export type { Limit } from "./limit-setting";

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface Limiter {
  /** Counts one action for `key`, and says whether it is still within the limit. */
  consume: (key: string) => Promise<Verdict>;
  /** Whether `key` has used up its points for now, counting nothing. */
  check: (key: string) => Promise<Verdict>;
}

/**
 * Keys are counted by their hash: an address or an email of any length or
 * content fits the store's index, and the table holds no one's email.
 */
const stored = (key: string) => createHash("sha256").update(key).digest("base64url");

function wrap(limiter: RateLimiterAbstract, limit: Limit): Limiter {
  const refused = (res: RateLimiterRes): Verdict => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
  return {
    consume: async (key) => {
      try {
        await limiter.consume(stored(key));
        return { allowed: true };
      } catch (error) {
        // The library rejects with a RateLimiterRes when over the limit, with an Error when its store failed.
        if (error instanceof RateLimiterRes) return refused(error);
        throw error;
      }
    },
    check: async (key) => {
      const res = await limiter.get(stored(key));
      return res && res.consumedPoints >= limit.points ? refused(res) : { allowed: true };
    },
  };
}

/** SQLite, one instance: counters in this process's memory. */
export function createMemoryLimiter(name: string, limit: Limit): Limiter {
  return wrap(new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.durationSeconds }), limit);
}

/** PostgreSQL: counters in the RateLimit table, so a limit holds across every instance together. */
export function createPostgresLimiter(pool: pg.Pool, name: string, limit: Limit): Limiter {
  return wrap(
    new RateLimiterPostgres({
      storeClient: pool,
      // Created by the migrations (the RateLimit model), not by the library at run time.
      tableName: "RateLimit",
      tableCreated: true,
      keyPrefix: name,
      points: limit.points,
      duration: limit.durationSeconds,
    }),
    limit,
  );
}
