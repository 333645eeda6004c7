import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The fuzz run's seed. Each run draws new inputs; a failure names its seed, and FUZZ_SEED=<seed> draws the same ones again. */
export const fuzzEnvShape = {
  FUZZ_SEED: z.coerce.number().int().optional(),
};

export const fuzzEnv = createEnv({
  server: fuzzEnvShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
