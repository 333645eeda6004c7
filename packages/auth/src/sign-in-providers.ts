import { authOptions } from "./options";

/** What the sign-in page needs of a provider to render its form. */
export interface SignInProvider {
  id: string;
  name: string;
  type: "oauth" | "email";
}

/**
 * The configured providers, read on the server (what next-auth's
 * GET /api/auth/providers answers), so the sign-in page is whole in its HTML.
 */
export function signInProviders(): SignInProvider[] {
  return authOptions.providers.flatMap((provider) =>
    provider.type === "oauth" || provider.type === "email" ? [{ id: provider.id, name: provider.name, type: provider.type }] : [],
  );
}
