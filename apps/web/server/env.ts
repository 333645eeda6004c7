import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** What the production server itself reads; the app's own variables are checked by the app at start. */
export const serverEnv = createEnv({
  server: {
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The interface to listen on; all of them by default, as `next start` does. */
    HOSTNAME: z.string().default("0.0.0.0"),
    /** How long in-flight requests may run on after SIGTERM before their connections are cut. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
