import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    /** How long the feed's first page may be served from memory (ms); 0 turns the cache off. */
    FEED_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
