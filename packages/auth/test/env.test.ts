import { createPublicKey, generateKeyPairSync } from "node:crypto";

import { afterEach, describe, expect, it, vi } from "vitest";

// The env module validates at import: re-import it under each environment.
async function importEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const errors: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(JSON.stringify(args)));
  try {
    return { env: (await import("../src/env")).env, error: null, logged: errors.join("\n") };
  } catch (error) {
    return { env: null, error: error as Error, logged: errors.join("\n") };
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("auth env", () => {
  it("requires NEXTAUTH_SECRET in production, naming it", async () => {
    const { error, logged } = await importEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined });
    expect(error?.message).toMatch(/Invalid environment variables/);
    expect(logged).toContain("NEXTAUTH_SECRET");
  });

  it("rejects a short production secret", async () => {
    const { error } = await importEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" });
    expect(error).not.toBeNull();
  });

  it("does not require the secret outside production", async () => {
    const { env } = await importEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: undefined });
    expect(env?.NEXTAUTH_SECRET).toBeUndefined();
  });

  it("rejects a half-configured OIDC provider, naming what is missing", async () => {
    const { error, logged } = await importEnv({
      AUTH_OIDC_ISSUER: "http://127.0.0.1:9",
      AUTH_OIDC_CLIENT_ID: "id",
      AUTH_OIDC_CLIENT_SECRET: undefined,
    });
    expect(error).not.toBeNull();
    expect(logged).toContain("AUTH_OIDC_CLIENT_SECRET");
  });

  it("requires EMAIL_FROM with EMAIL_SERVER", async () => {
    const { logged, error } = await importEnv({ EMAIL_SERVER: "smtp://127.0.0.1:25", EMAIL_FROM: undefined });
    expect(error).not.toBeNull();
    expect(logged).toContain("EMAIL_FROM");
  });
});

describe("service-token env", () => {
  const { privateKey: ecKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ecPem = ecKey.export({ format: "pem", type: "pkcs8" }).toString();
  const production = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: "https://app.example" };

  it("reads the audiences as a comma-separated list", async () => {
    const { env } = await importEnv({ SERVICE_TOKEN_AUDIENCES: " billing, reports ,," });
    expect(env?.SERVICE_TOKEN_AUDIENCES).toEqual(["billing", "reports"]);
    expect(env?.SERVICE_TOKEN_TTL_SECONDS).toBe(300);
  });

  it("refuses production with audiences but no key, naming the variable", async () => {
    const { error, logged } = await importEnv({ ...production, SERVICE_TOKEN_AUDIENCES: "billing", SERVICE_TOKEN_PRIVATE_KEY: undefined });
    expect(error).not.toBeNull();
    expect(logged).toContain("SERVICE_TOKEN_PRIVATE_KEY is required in production");
  });

  it("lets production start without a key when no audience is configured", async () => {
    const { env } = await importEnv({ ...production, SERVICE_TOKEN_AUDIENCES: undefined, SERVICE_TOKEN_PRIVATE_KEY: undefined });
    expect(env?.SERVICE_TOKEN_AUDIENCES).toEqual([]);
  });

  it.each([
    ["PEM", ecPem],
    ["PEM with \\n escapes, as one-line env files hold it", ecPem.trim().replaceAll("\n", "\\n")],
    ["JWK", JSON.stringify(ecKey.export({ format: "jwk" }))],
    ["Ed25519 PEM", generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString()],
  ])("accepts a %s private key", async (_, key) => {
    const { env, error } = await importEnv({ ...production, SERVICE_TOKEN_AUDIENCES: "billing", SERVICE_TOKEN_PRIVATE_KEY: key });
    expect(error).toBeNull();
    expect(env?.SERVICE_TOKEN_PRIVATE_KEY).toBe(key);
  });

  it.each([
    ["not a key", "hello"],
    ["an RSA key", generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString()],
    ["a public key", createPublicKey(ecKey).export({ format: "pem", type: "spki" }).toString()],
  ])("refuses %s as the signing key, without printing it", async (_, key) => {
    const { error, logged } = await importEnv({ SERVICE_TOKEN_PRIVATE_KEY: key });
    expect(error).not.toBeNull();
    expect(logged).toContain("SERVICE_TOKEN_PRIVATE_KEY");
    if (key.length > 20) expect(logged).not.toContain(key.split("\n")[1]);
  });

  it("accepts a public key as the previous key", async () => {
    const previous = createPublicKey(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey).export({ format: "pem", type: "spki" });
    const { error } = await importEnv({ SERVICE_TOKEN_PREVIOUS_KEY: previous.toString() });
    expect(error).toBeNull();
  });

  it("requires NEXTAUTH_URL, the issuer, with audiences", async () => {
    const { error, logged } = await importEnv({ SERVICE_TOKEN_AUDIENCES: "billing", NEXTAUTH_URL: undefined });
    expect(error).not.toBeNull();
    expect(logged).toContain("NEXTAUTH_URL is required with SERVICE_TOKEN_AUDIENCES");
  });
});
