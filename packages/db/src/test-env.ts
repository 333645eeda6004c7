import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { providerOf } from "./provider";

/** What the test helpers read: which database a suite runs on, and the PostgreSQL server for it. */
export const testEnvShape = {
  /** A PostgreSQL database the tests may throw away; its role needs CREATEDB (see packages/db/scripts/postgres-up.sh). */
  TEST_DATABASE_URL: z
    .string()
    .refine((url) => providerOf(url) === "postgresql", "TEST_DATABASE_URL must be a postgresql:// URL")
    .optional(),
  /** Set per vitest project: every suite runs on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set. */
  TEST_DATABASE_PROVIDER: z.enum(["sqlite", "postgresql"]).default("sqlite"),
};

export const testEnv = createEnv({
  server: testEnvShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
