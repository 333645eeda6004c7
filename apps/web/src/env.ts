import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/**
 * The variables the web app's own code reads (its two servers read server/env.mjs; the environment test checks
 * .env.example and the README against both).
 */
export const envShape = {
  /** How long a rendered home page may be served again from memory, to the same visitor (ms); 0 turns the cache off. */
  PAGE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Bytes of rendered pages the page cache holds at most (least recently used go first). */
  PAGE_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(1024 * 1024 * 1024)
    .default(32 * 1024 * 1024),
};

export const env = createEnv({
  server: envShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
