import { databaseProjects } from "@gatehouse/vitest-config/databases";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Generous: CI runs these beside the web build on two cores.
    testTimeout: 15_000,
    // No SERVICE_TOKEN_PRIVATE_KEY: outside production a key is generated.
    env: {
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      NEXTAUTH_URL: "http://app.test",
      SERVICE_TOKEN_AUDIENCES: "billing",
    },
    // @trpc/next and its next-app-dir adapter import "next/cache" without an extension, which Node's ESM loader
    // rejects (next has no exports map); let Vite resolve it, as Next's bundler does.
    server: { deps: { inline: ["@trpc/next", "@trpc/server"] } },
    projects: databaseProjects(),
  },
});
