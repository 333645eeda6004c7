import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { inheritedEnvShape } from "../test/server-env";

/** The variables the benchmark reads. */
export const benchEnvShape = {
  /** postgresql://… runs the benchmark on a new database of that server; anything else (or nothing) on SQLite. */
  DATABASE_URL: z.string().optional(),
  /** SESSION_CACHE_TTL_MS, FEED_CACHE_TTL_MS, PAGE_CACHE_TTL_MS: handed to the server when set; 0 measures a path without its cache. */
  ...inheritedEnvShape,
};

export const benchEnv = createEnv({
  server: benchEnvShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
