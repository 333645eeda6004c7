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
