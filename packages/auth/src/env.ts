import { limitSetting } from "@gatehouse/db/limit-setting";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { keyProblem, parsePrivateKey, parsePublicKey } from "./service-tokens/key-material";

const isProduction = process.env.NODE_ENV === "production";

/** Set together or not at all: a provider is enabled only when all of its variables are. */
const PROVIDER_GROUPS = {
  oidc: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"],
  github: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  discord: ["AUTH_DISCORD_ID", "AUTH_DISCORD_SECRET"],
} as const;

/** The variables this module reads (the environment test checks .env.example and the README against them). */
export const envShape = {
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
  /** How long a session lasts after its last use (s): 30 days by default. Use extends it, at most every thirtieth of this. */
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365 * 24 * 60 * 60)
    .default(30 * 24 * 60 * 60),
  // Sign-in limits, "points/seconds" (README, Security). Generous enough for a person, not for a script.
  RATE_LIMIT_EMAIL_PER_ADDRESS: limitSetting("5/900"),
  RATE_LIMIT_EMAIL_PER_IP: limitSetting("100/900"),
  RATE_LIMIT_OAUTH_PER_IP: limitSetting("60/900"),
  RATE_LIMIT_AUTH_FAILURES_PER_IP: limitSetting("60/900"),
  /** Services that may receive a service token (its `aud`), comma-separated; none by default. */
  SERVICE_TOKEN_AUDIENCES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((audience) => audience.trim())
        .filter(Boolean),
    ),
  /** Signs service tokens: a P-256 or Ed25519 private key, PEM or JWK. Generated in development when unset. */
  SERVICE_TOKEN_PRIVATE_KEY: z.string().optional(),
  /** A retired (or upcoming) key, private or public: listed in the JWKS, never used to sign. */
  SERVICE_TOKEN_PREVIOUS_KEY: z.string().optional(),
  /** How long a service token is valid. */
  SERVICE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
};

export const env = createEnv({
  server: envShape,
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
      serviceTokenRules(values, ctx);
    }),
});

type ServiceTokenValues = {
  NODE_ENV: string;
  NEXTAUTH_URL?: string;
  SERVICE_TOKEN_AUDIENCES: string[];
  SERVICE_TOKEN_PRIVATE_KEY?: string;
  SERVICE_TOKEN_PREVIOUS_KEY?: string;
};

/**
 * Service tokens: a production server that would hand them out refuses to
 * start without its own key (a generated one would differ per instance and
 * per restart); keys must be readable and of a kind other services verify.
 */
function serviceTokenRules(values: ServiceTokenValues, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  const audiences = values.SERVICE_TOKEN_AUDIENCES;
  for (const audience of audiences) {
    if (/\s/.test(audience)) issue("SERVICE_TOKEN_AUDIENCES", `"${audience}" contains whitespace: separate audiences with commas`);
  }
  const privateKey = values.SERVICE_TOKEN_PRIVATE_KEY;
  if (privateKey !== undefined) {
    const problem = keyProblem(() => parsePrivateKey(privateKey));
    if (problem) issue("SERVICE_TOKEN_PRIVATE_KEY", `SERVICE_TOKEN_PRIVATE_KEY ${problem}`);
  } else if (values.NODE_ENV === "production" && audiences.length > 0) {
    issue(
      "SERVICE_TOKEN_PRIVATE_KEY",
      "SERVICE_TOKEN_PRIVATE_KEY is required in production when SERVICE_TOKEN_AUDIENCES is set " +
        "(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)",
    );
  }
  const previousKey = values.SERVICE_TOKEN_PREVIOUS_KEY;
  if (previousKey !== undefined) {
    const problem = keyProblem(() => parsePublicKey(previousKey));
    if (problem) issue("SERVICE_TOKEN_PREVIOUS_KEY", `SERVICE_TOKEN_PREVIOUS_KEY ${problem}`);
  }
  if (audiences.length > 0 && values.NEXTAUTH_URL === undefined) {
    issue("NEXTAUTH_URL", "NEXTAUTH_URL is required with SERVICE_TOKEN_AUDIENCES: it is the tokens' issuer (iss)");
  }
}
