import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The variables the benchmark reads. */
export const benchEnvShape = {
  /** postgresql://… runs the benchmark on a new database of that server; anything else (or nothing) on SQLite. */
  DATABASE_URL: z.string().optional(),
  /** Handed to the server when set (it validates them): 0 measures a path without its cache. */
  SESSION_CACHE_TTL_MS: z.string().optional(),
  FEED_CACHE_TTL_MS: z.string().optional(),
};

export const benchEnv = createEnv({
  server: benchEnvShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
