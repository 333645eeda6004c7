import { limitSetting } from "@gatehouse/db";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const isProduction = process.env.NODE_ENV === "production";

/** Set together or not at all: a provider is enabled only when all of its variables are. */
const PROVIDER_GROUPS = {
  oidc: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"],
  github: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  discord: ["AUTH_DISCORD_ID", "AUTH_DISCORD_SECRET"],
} as const;

const server = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  NEXTAUTH_SECRET: isProduction
    ? z.string({ error: "NEXTAUTH_SECRET is required in production (openssl rand -base64 32)" }).min(32)
    : z.string().min(1).optional(),
  NEXTAUTH_URL: z.url().optional(),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_DISCORD_ID: z.string().optional(),
  AUTH_DISCORD_SECRET: z.string().optional(),
  EMAIL_SERVER: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
  /** How long a session lookup may be reused without the database (ms); 0 turns the cache off. */
  SESSION_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Session lookups kept in memory at most, per instance. */
  SESSION_CACHE_MAX: z.coerce.number().int().min(1).default(10_000),
  // Sign-in limits, "points/seconds" (README, Security). Generous enough for a person, not for a script.
  RATE_LIMIT_EMAIL_PER_ADDRESS: limitSetting("5/900"),
  RATE_LIMIT_EMAIL_PER_IP: limitSetting("100/900"),
  RATE_LIMIT_OAUTH_PER_IP: limitSetting("60/900"),
  RATE_LIMIT_AUTH_FAILURES_PER_IP: limitSetting("60/900"),
};

export const env = createEnv({
  server,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  // `next build` evaluates route modules with NODE_ENV=production; secrets belong
  // to the running server, not to the build, so they are checked at start instead.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((values, ctx) => {
      for (const names of Object.values(PROVIDER_GROUPS)) {
        const set = names.filter((name) => values[name] !== undefined);
        if (set.length > 0 && set.length < names.length) {
          const missing = names.filter((name) => values[name] === undefined);
          ctx.addIssue({ code: "custom", path: [missing[0]!], message: `Set ${missing.join(", ")} too, or unset ${set.join(", ")}` });
        }
      }
      if (values.EMAIL_SERVER !== undefined && values.EMAIL_FROM === undefined) {
        ctx.addIssue({ code: "custom", path: ["EMAIL_FROM"], message: "EMAIL_FROM is required with EMAIL_SERVER" });
      }
    }),
});
