// @ts-check
// What the two servers read themselves: `pnpm start` (index.mjs) and `pnpm dev`
// (dev.mjs). The app's own variables are in the packages' env modules.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The variables this module reads (the environment test checks .env.example and the README against them). */
export const serverEnvShape = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The interface to listen on; all of them by default, as `next start` does. */
  HOSTNAME: z.string().default("0.0.0.0"),
  /** How long in-flight requests may run on after SIGTERM before their connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** How many proxies in front of this server to believe about the client (X-Forwarded-For, -Proto): 0 = none. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  NEXTAUTH_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  /** "1": measure how long callbacks wait for the event loop, and print it at shutdown (pnpm bench --profile). */
  EVENT_LOOP_REPORT: z.enum(["0", "1"]).default("0"),
};

export const env = createEnv({
  server: serverEnvShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
