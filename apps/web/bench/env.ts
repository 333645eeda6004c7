import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const benchEnv = createEnv({
  server: {
    /** postgresql://… runs the benchmark on a new database of that server; anything else (or nothing) on SQLite. */
    DATABASE_URL: z.string().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
