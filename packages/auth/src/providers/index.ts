import type { Provider } from "next-auth/providers/index";
import DiscordProvider from "next-auth/providers/discord";
import GitHubProvider from "next-auth/providers/github";

import { env } from "../env";
import { emailProvider } from "./email";
import { oidcProvider } from "./oidc";

/** Every provider whose configuration is present; the rest stay off. */
export function configuredProviders(): Provider[] {
  const providers: (Provider | null)[] = [
    oidcProvider(),
    env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
      ? GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })
      : null,
    env.AUTH_DISCORD_ID && env.AUTH_DISCORD_SECRET
      ? DiscordProvider({ clientId: env.AUTH_DISCORD_ID, clientSecret: env.AUTH_DISCORD_SECRET })
      : null,
    emailProvider(),
  ];
  return providers.filter((p): p is Provider => p !== null);
}
