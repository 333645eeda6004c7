import { afterEach, describe, expect, it, vi } from "vitest";

async function providersUnder(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const { configuredProviders } = await import("../src/providers");
  const mailbox = await import("../src/dev-mailbox");
  return { providers: configuredProviders(), mailbox };
}

const none = {
  AUTH_OIDC_ISSUER: undefined,
  AUTH_OIDC_CLIENT_ID: undefined,
  AUTH_OIDC_CLIENT_SECRET: undefined,
  AUTH_GITHUB_ID: undefined,
  AUTH_GITHUB_SECRET: undefined,
  AUTH_DISCORD_ID: undefined,
  AUTH_DISCORD_SECRET: undefined,
  EMAIL_SERVER: undefined,
  EMAIL_FROM: undefined,
  // Set for the other suites (vitest.config.ts); production would then require a signing key.
  SERVICE_TOKEN_AUDIENCES: undefined,
};

afterEach(() => vi.unstubAllEnvs());

describe("providers", () => {
  it("enables each provider only when its variables are set", async () => {
    const { providers } = await providersUnder({
      ...none,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "x".repeat(32),
      AUTH_OIDC_ISSUER: "http://127.0.0.1:9/issuer/",
      AUTH_OIDC_CLIENT_ID: "client",
      AUTH_OIDC_CLIENT_SECRET: "secret",
      AUTH_GITHUB_ID: "gh",
      AUTH_GITHUB_SECRET: "gh-secret",
    });
    expect(providers.map((p) => p.id)).toEqual(["oidc", "github"]);
    expect(providers[0]).toMatchObject({
      wellKnown: "http://127.0.0.1:9/issuer/.well-known/openid-configuration",
      checks: ["pkce", "state"],
    });
  });

  it("has no email sign-in in production without an SMTP server", async () => {
    const { providers } = await providersUnder({ ...none, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(providers).toEqual([]);
  });

  it("uses the SMTP server when EMAIL_SERVER is set", async () => {
    const { providers, mailbox } = await providersUnder({
      ...none,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "x".repeat(32),
      EMAIL_SERVER: "smtp://127.0.0.1:2525",
      EMAIL_FROM: "Gatehouse <noreply@example.com>",
    });
    expect(providers.map((p) => p.id)).toEqual(["email"]);
    expect(providers[0]).toMatchObject({
      options: { server: "smtp://127.0.0.1:2525", from: "Gatehouse <noreply@example.com>" },
    });
    expect(mailbox.devMailboxEnabled).toBe(false);
  });

  it("in development without SMTP, delivers magic links to the dev mailbox", async () => {
    const { providers, mailbox } = await providersUnder({ ...none, NODE_ENV: "development" });
    const email = providers.find((p) => p.id === "email");
    expect(mailbox.devMailboxEnabled).toBe(true);
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=a%40b.c";
    const send = (email as unknown as { options: { sendVerificationRequest: (p: object) => Promise<void> } }).options
      .sendVerificationRequest;
    await send({ identifier: "a@b.c", url, expires: new Date(), provider: {}, token: "abc", theme: {} });
    expect(mailbox.readDevMailbox()[0]).toMatchObject({ to: "a@b.c", url });
  });
});
