import { env } from "./env";

/**
 * Where a sign-in form's POST ends up: next-auth answers it with a redirect to
 * the provider, and browsers hold a form's redirects to the page's CSP
 * form-action. The origins of the configured OAuth/OIDC providers.
 */
export function signInFormTargets(): string[] {
  return [
    env.AUTH_OIDC_ISSUER ? new URL(env.AUTH_OIDC_ISSUER).origin : null,
    env.AUTH_GITHUB_ID ? "https://github.com" : null,
    env.AUTH_DISCORD_ID ? "https://discord.com" : null,
  ].filter((origin): origin is string => origin !== null);
}
