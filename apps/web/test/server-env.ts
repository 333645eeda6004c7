import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/**
 * What every server the tests and the benchmark start inherits from the run:
 * the caches' settings, when set. CI's second pass sets them to 0, so that the
 * suites prove the app correct without its caches too; a test that expects
 * what a cache serves reads `cacheSettings` (the outage test does).
 */
export const inheritedEnvShape = {
  SESSION_CACHE_TTL_MS: z.string().optional(),
  FEED_CACHE_TTL_MS: z.string().optional(),
  PAGE_CACHE_TTL_MS: z.string().optional(),
};

const inherited = createEnv({
  server: inheritedEnvShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

/** The inherited settings that are set (the server validates them). */
export const cacheSettings: Record<string, string> = Object.fromEntries(
  Object.entries(inherited).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]])),
);
